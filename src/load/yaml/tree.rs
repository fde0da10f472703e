//! YAML text → a tree of nodes, each with the place where it was written.
//!
//! The one module that knows saphyr-parser. Its event parser gives every
//! scalar, sequence and mapping a marker (line and column), so each key, each
//! value and each list item gets a position of its own — the second `aws` of
//! `[aws, aws]` too — and a syntax error keeps the parser's position. Lines
//! are counted in the whole file: the tree is built for YAML text that starts
//! at `origin` (line 2 for front matter, below the opening `---`).

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Tag};

use crate::diagnostic::Position;
use crate::load::yaml::Located;

/// A YAML value and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) at: Position,
    pub(crate) value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    /// Keys and values in the order written (duplicates kept: the reader decides).
    Map(Vec<(Node, Node)>),
    /// A list item left out after its error was reported (see `recover`):
    /// the list is read on without it, and the items after it keep their index.
    LeftOut,
}

/// A scalar's text and what decides how it is read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scalar {
    pub(crate) text: String,
    /// Written without quotes and not as a block: `true`, `2018` and `~` mean
    /// a boolean, a number and nothing; quoted, they are text.
    pub(crate) plain: bool,
    /// The core-schema tag written before it (`!!str 2018` → `str`), if any.
    pub(crate) core_tag: Option<String>,
}

impl Node {
    /// An empty plain scalar: what YAML reads for a key without a value.
    fn nothing(at: Position) -> Node {
        Node {
            at,
            value: Value::Scalar(Scalar {
                text: String::new(),
                plain: true,
                core_tag: None,
            }),
        }
    }

    /// True for a value left empty (`key:`), which reads as nothing.
    pub(crate) fn is_empty_plain(&self) -> bool {
        matches!(&self.value, Value::Scalar(s) if s.plain && s.text.is_empty() && s.core_tag.is_none())
    }

    /// The text of a scalar; `None` for a list or mapping.
    pub(crate) fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(scalar) => Some(&scalar.text),
            _ => None,
        }
    }

    pub(crate) fn is_left_out(&self) -> bool {
        matches!(self.value, Value::LeftOut)
    }

    /// How many nodes the tree has.
    pub(crate) fn size(&self) -> usize {
        match &self.value {
            Value::LeftOut => 0,
            Value::Scalar(_) => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(key, value)| key.size() + value.size())
                    .sum::<usize>()
            }
        }
    }
}

/// Deeper nesting is refused: the readers of the tree recurse.
const MAX_DEPTH: usize = 128;

/// Parses one YAML document; no document at all reads as an empty value.
pub(crate) fn parse(text: &str, origin: Position) -> Result<Node, Located> {
    let mut builder = Builder {
        origin,
        open: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        documents: 0,
        alias_budget: 1000 + 100 * text.len(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|error| {
            let at = match error.info().contains("tab") {
                true => tab_position(text, origin, error.marker()),
                false => None,
            };
            let at = at.unwrap_or_else(|| position(origin, error.marker()));
            (at, format!("invalid YAML: {}", error.info()))
        })?;
        builder.take(event, &span.start)?;
    }
    Ok(builder.root.unwrap_or_else(|| Node::nothing(origin)))
}

/// The file position of a parser marker (its line counts from 1, its column from 0).
fn position(origin: Position, marker: &Marker) -> Position {
    match marker.line() {
        0 | 1 => Position::new(origin.line, origin.column + marker.col()),
        line => Position::new(origin.line + line - 1, marker.col() + 1),
    }
}

/// The tab a tab error is about: the parser's marker stands just past a tab
/// that indents, or at the end of the line before a line that starts with one.
fn tab_position(text: &str, origin: Position, marker: &Marker) -> Option<Position> {
    let marker_offset = text
        .char_indices()
        .nth(marker.index())
        .map_or(text.len(), |(offset, _)| offset);
    let line_start = text[..marker_offset].rfind('\n').map_or(0, |at| at + 1);
    let tab = text[line_start..marker_offset]
        .rfind('\t')
        .map(|at| line_start + at)
        .or_else(|| {
            // Not past the next line: a later tab is some other one.
            let after = &text[marker_offset..];
            let next_line_end = after
                .match_indices('\n')
                .nth(1)
                .map_or(after.len(), |(at, _)| at);
            after[..next_line_end]
                .find('\t')
                .map(|at| marker_offset + at)
        })?;
    Some(Position::of_offset(text, tab, origin))
}

/// A sequence or mapping whose end has not been read yet.
struct Open {
    at: Position,
    anchor: usize,
    kind: OpenKind,
}

enum OpenKind {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// Assembles the tree from the parser's events.
struct Builder {
    origin: Position,
    open: Vec<Open>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    documents: usize,
    /// How many nodes aliases may still copy: `*a` repeats a whole value, and
    /// aliases of aliases would otherwise grow the tree without bound.
    alias_budget: usize,
}

impl Builder {
    fn take(&mut self, event: Event, marker: &Marker) -> Result<(), Located> {
        let at = position(self.origin, marker);
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err((
                        at,
                        "invalid YAML: a second document starts here; keep one block of keys"
                            .to_owned(),
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let scalar = Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                    core_tag: tag.as_deref().and_then(core_tag),
                };
                let node = Node {
                    at,
                    value: Value::Scalar(scalar),
                };
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, _) => self.open(at, anchor, OpenKind::Seq(Vec::new()))?,
            Event::MappingStart(anchor, _) => {
                self.open(at, anchor, OpenKind::Map(Vec::new(), None))?
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(anchor) => self.alias(at, anchor)?,
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn open(&mut self, at: Position, anchor: usize, kind: OpenKind) -> Result<(), Located> {
        if self.open.len() >= MAX_DEPTH {
            return Err((
                at,
                format!("invalid YAML: nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.open.push(Open { at, anchor, kind });
        Ok(())
    }

    fn close(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        let value = match open.kind {
            OpenKind::Seq(items) => Value::Seq(items),
            OpenKind::Map(entries, _) => Value::Map(entries),
        };
        let node = Node { at: open.at, value };
        self.finish(node, open.anchor);
    }

    fn alias(&mut self, at: Position, anchor: usize) -> Result<(), Located> {
        let Some(node) = self.anchors.get(&anchor) else {
            return Err((at, "invalid YAML: unknown anchor".to_owned()));
        };
        let size = node.size();
        if size > self.alias_budget {
            return Err((
                at,
                "invalid YAML: the aliases repeat too much of the document".to_owned(),
            ));
        }
        self.alias_budget -= size;
        let node = node.clone();
        self.finish(node, 0);
        Ok(())
    }

    /// Places a complete node in the sequence or mapping being read, or at the root.
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.open.last_mut().map(|open| &mut open.kind) {
            Some(OpenKind::Seq(items)) => items.push(node),
            Some(OpenKind::Map(entries, pending)) => match pending.take() {
                // A key written without a value: its place is the key's.
                Some(key) if node.is_empty_plain() => {
                    let value = Node { at: key.at, ..node };
                    entries.push((key, value));
                }
                Some(key) => entries.push((key, node)),
                None => *pending = Some(node),
            },
            None => self.root = Some(node),
        }
    }
}

/// `!!str` and its kin; other tags do not change how a value is read here.
fn core_tag(tag: &Tag) -> Option<String> {
    tag.is_yaml_core_schema().then(|| tag.suffix.clone())
}

#[cfg(test)]
mod tests {
    use super::{parse, Node, Value};
    use crate::diagnostic::Position;

    const FRONT: Position = Position { line: 2, column: 1 };

    fn map(text: &str) -> Vec<(Node, Node)> {
        match parse(text, FRONT).unwrap().value {
            Value::Map(entries) => entries,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    fn text(node: &Node) -> &str {
        match &node.value {
            Value::Scalar(scalar) => &scalar.text,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    fn items(node: &Node) -> Vec<(&str, Position)> {
        match &node.value {
            Value::Seq(items) => items.iter().map(|item| (text(item), item.at)).collect(),
            other => panic!("not a sequence: {other:?}"),
        }
    }

    #[test]
    fn every_key_and_value_has_its_position() {
        let entries = map("title: x\ndraft: true\nsummary:  \"quoted\"\n");
        let found: Vec<(&str, Position, Position)> = entries
            .iter()
            .map(|(key, value)| (text(key), key.at, value.at))
            .collect();
        assert_eq!(
            found,
            vec![
                ("title", Position::new(2, 1), Position::new(2, 8)),
                ("draft", Position::new(3, 1), Position::new(3, 8)),
                ("summary", Position::new(4, 1), Position::new(4, 11)),
            ]
        );
    }

    #[test]
    fn a_key_without_a_value_gives_its_own_place_to_the_value() {
        let entries = map("title: x\nsummary:\ndraft: true\n");
        assert!(entries[1].1.is_empty_plain());
        assert_eq!(entries[1].1.at, Position::new(3, 1));
    }

    #[test]
    fn every_item_of_a_flow_list_has_its_own_position() {
        let entries = map("title: x\nparties: [aws, aws, amazn]\n");
        assert_eq!(
            items(&entries[1].1),
            vec![
                ("aws", Position::new(3, 11)),
                ("aws", Position::new(3, 16)),
                ("amazn", Position::new(3, 21)),
            ]
        );
    }

    #[test]
    fn every_item_of_a_block_list_has_its_own_position() {
        let entries = map("claims:\n  - one\n  - one\n");
        assert_eq!(
            items(&entries[0].1),
            vec![("one", Position::new(3, 5)), ("one", Position::new(4, 5))]
        );
        let indentless = map("claims:\n- one\n- two\n");
        assert_eq!(
            items(&indentless[0].1),
            vec![("one", Position::new(3, 3)), ("two", Position::new(4, 3))]
        );
    }

    #[test]
    fn nested_keys_have_their_positions() {
        let entries = map("case:\n  docket: \"2:21\"\n  court: W.D. Wash.\n");
        let Value::Map(nested) = &entries[0].1.value else {
            panic!("not nested");
        };
        assert_eq!(entries[0].1.at, Position::new(3, 3));
        assert_eq!(nested[0].0.at, Position::new(3, 3));
        assert_eq!(nested[0].1.at, Position::new(3, 11));
        assert_eq!(nested[1].0.at, Position::new(4, 3));
        assert_eq!(text(&nested[1].1), "W.D. Wash.");
    }

    #[test]
    fn items_in_nested_flow_collections_have_their_positions() {
        let entries = map("a: [b, {c: d}, [e]]\n");
        let Value::Seq(outer) = &entries[0].1.value else {
            panic!("not a list");
        };
        let at: Vec<Position> = outer.iter().map(|item| item.at).collect();
        assert_eq!(
            at,
            vec![
                Position::new(2, 5),
                Position::new(2, 8),
                Position::new(2, 16)
            ]
        );
        assert_eq!(items(&outer[2]), vec![("e", Position::new(2, 17))]);
    }

    #[test]
    fn a_tab_error_points_at_the_tab() {
        let at = |text| parse(text, FRONT).unwrap_err().0;
        assert_eq!(at("title: x\nparties:\n\t- a\n"), Position::new(4, 1));
        assert_eq!(at("title: x\n\tdate: 2021\n"), Position::new(3, 1));
        assert_eq!(at("tïtle: x\n\tdate: 2021\n"), Position::new(3, 1));
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let entries = map("titel: Über\nparteien: [ä, ö]\n");
        assert_eq!(
            items(&entries[1].1),
            vec![("ä", Position::new(3, 12)), ("ö", Position::new(3, 15))]
        );
    }

    #[test]
    fn syntax_errors_keep_the_parsers_position_in_the_file() {
        assert_eq!(
            parse("title: x\nsummary: a: b\n", FRONT).unwrap_err(),
            (
                Position::new(3, 11),
                "invalid YAML: mapping values are not allowed in this context".to_owned()
            )
        );
        assert_eq!(
            parse("title: x\n  kind: [\n", FRONT).unwrap_err().0,
            Position::new(3, 7)
        );
        assert_eq!(
            parse("a: 1\nb: [x,\n", Position::START).unwrap_err().0.line,
            3
        );
    }

    #[test]
    fn aliases_repeat_the_anchored_value_and_unknown_ones_are_errors() {
        let entries = map("a: &x [1, 2]\nb: *x\n");
        assert_eq!(entries[0].1, entries[1].1);
        assert_eq!(
            parse("a: *nowhere\n", FRONT).unwrap_err().1,
            "invalid YAML: while parsing node, found unknown anchor"
        );
    }

    #[test]
    fn runaway_aliases_and_nesting_are_refused() {
        let mut text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
        for level in 1..12 {
            let previous = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
            ));
        }
        assert!(parse(&text, FRONT).unwrap_err().1.contains("aliases"));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep, FRONT).is_err());
    }

    #[test]
    fn one_document_only_and_nothing_is_an_empty_value() {
        assert_eq!(
            parse("a: 1\n---\nb: 2\n", Position::START).unwrap_err().0,
            Position::new(2, 1)
        );
        assert!(parse("---\na: 1\n", Position::START).is_ok());
        assert!(parse("", FRONT).unwrap().is_empty_plain());
        assert!(parse("# only a comment\n", FRONT).unwrap().is_empty_plain());
    }

    #[test]
    fn core_tags_are_kept_and_quotes_make_text() {
        let entries = map("a: !!str 2018\nb: \"true\"\nc: true\n");
        let scalar = |node: &Node| match &node.value {
            Value::Scalar(scalar) => scalar.clone(),
            _ => panic!("not a scalar"),
        };
        assert_eq!(scalar(&entries[0].1).core_tag.as_deref(), Some("str"));
        assert!(!scalar(&entries[1].1).plain);
        assert!(scalar(&entries[2].1).plain);
    }
}
