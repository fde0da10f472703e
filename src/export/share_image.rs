//! Share images (SPEC §11 "Share"): a 1200×630 PNG per page with the site's
//! title, the page's type, its title and its date, for the preview a news app
//! or messenger shows when someone shares a link.
//!
//! Drawn with tiny-skia (the rasteriser under resvg) from glyph outlines read
//! by ttf-parser, with the font the theme ships (`fonts/`). Both crates are
//! pure Rust and kept by the same maintainers as resvg; they give the same
//! pixels on every machine, and PNG encoding writes no time stamp, so a page's
//! image is byte-identical from build to build. A full SVG renderer would add
//! a font database and text shaping we do not need for a few lines of Latin
//! text; the line breaking here is ours, by measured advance widths.

use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};
use ttf_parser::{Face, GlyphId, OutlineBuilder};

pub(crate) const WIDTH: u32 = 1200;
pub(crate) const HEIGHT: u32 = 630;

/// Left and right margin of the text.
const MARGIN: f32 = 88.0;
/// The most lines a title may take before it is cut with an ellipsis.
const TITLE_LINES: usize = 4;

/// What one card shows.
#[derive(Debug, Clone, Hash)]
pub(crate) struct ShareCard<'a> {
    pub(crate) site_title: &'a str,
    /// The page's type in the site's language ("Ereignis", "Partei").
    pub(crate) kind_label: &'a str,
    pub(crate) title: &'a str,
    /// The date at its precision, as the page shows it.
    pub(crate) date: Option<&'a str>,
}

/// The font cards are drawn with, parsed once per build.
pub(crate) struct CardFont<'a> {
    face: Face<'a>,
}

impl<'a> CardFont<'a> {
    pub(crate) fn parse(bytes: &'a [u8]) -> Result<CardFont<'a>, String> {
        Face::parse(bytes, 0)
            .map(|face| CardFont { face })
            .map_err(|e| format!("the share image font cannot be read: {e}"))
    }

    fn scale(&self, size: f32) -> f32 {
        size / f32::from(self.face.units_per_em())
    }

    fn glyph(&self, ch: char) -> GlyphId {
        self.face
            .glyph_index(ch)
            .or_else(|| self.face.glyph_index('?'))
            .unwrap_or_default()
    }

    /// The width of `text` at `size` pixels.
    fn measure(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|ch| u32::from(self.face.glyph_hor_advance(self.glyph(ch)).unwrap_or(0)))
            .sum();
        units as f32 * self.scale(size)
    }
}

/// The card's colours: the theme's dark scheme, with the link colour as accent.
const BACKGROUND: (u8, u8, u8) = (0x14, 0x16, 0x1a);
const TEXT: (u8, u8, u8) = (0xeb, 0xe9, 0xe4);
const MUTED: (u8, u8, u8) = (0xa8, 0xad, 0xb6);
const ACCENT: (u8, u8, u8) = (0x92, 0xbb, 0xff);

/// The PNG bytes of one card.
pub(crate) fn render(card: &ShareCard, font: &CardFont) -> Vec<u8> {
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("a non-empty image");
    pixmap.fill(color(BACKGROUND));
    let bar = Rect::from_xywh(0.0, 0.0, 16.0, HEIGHT as f32).expect("a valid rectangle");
    pixmap.fill_rect(bar, &paint(ACCENT), Transform::identity(), None);
    let width = WIDTH as f32 - 2.0 * MARGIN;
    let site = fit(font, card.site_title, 34.0, width, 1);
    draw_text(&mut pixmap, font, &site[0], 34.0, MARGIN, 110.0, MUTED);
    let kind = card.kind_label.to_uppercase();
    draw_text(&mut pixmap, font, &kind, 28.0, MARGIN, 200.0, ACCENT);
    let (size, lines) = title_lines(font, card.title, width);
    let mut baseline = 200.0 + size * 1.35;
    for line in &lines {
        draw_text(&mut pixmap, font, line, size, MARGIN, baseline, TEXT);
        baseline += size * 1.2;
    }
    if let Some(date) = card.date {
        let date = fit(font, date, 34.0, width, 1);
        draw_text(&mut pixmap, font, &date[0], 34.0, MARGIN, 560.0, MUTED);
    }
    pixmap
        .encode_png()
        .expect("PNG encoding of an in-memory image")
}

/// The title's lines: large when it fits in three lines, smaller when not.
fn title_lines(font: &CardFont, title: &str, width: f32) -> (f32, Vec<String>) {
    let large = fit(font, title, 64.0, width, usize::MAX);
    if large.len() <= 3 {
        return (64.0, large);
    }
    (48.0, fit(font, title, 48.0, width, TITLE_LINES))
}

/// Breaks `text` into at most `max_lines` lines of at most `width` pixels,
/// between words (inside a word only when it is wider than a line), the last
/// line ending in "…" when text was cut.
fn fit(font: &CardFont, text: &str, size: f32, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if font.measure(&candidate, size) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        current = word.to_owned();
        while font.measure(&current, size) > width && current.chars().count() > 1 {
            let split = longest_prefix(font, &current, size, width);
            lines.push(current[..split].to_owned());
            current = current[split..].to_owned();
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("at least one line");
        last.push('…');
        while font.measure(last, size) > width && last.chars().count() > 1 {
            let cut = last.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
            last.replace_range(cut.., "…");
        }
    }
    lines
}

/// The byte length of the longest prefix of `word` (at least one character)
/// that fits `width`.
fn longest_prefix(font: &CardFont, word: &str, size: f32, width: f32) -> usize {
    let mut fits = word.chars().next().map_or(0, char::len_utf8);
    for (at, ch) in word.char_indices().skip(1) {
        let end = at + ch.len_utf8();
        if font.measure(&word[..end], size) > width {
            break;
        }
        fits = end;
    }
    fits
}

fn draw_text(
    pixmap: &mut Pixmap,
    font: &CardFont,
    text: &str,
    size: f32,
    x: f32,
    baseline: f32,
    rgb: (u8, u8, u8),
) {
    let scale = font.scale(size);
    let mut outline = Outline {
        path: PathBuilder::new(),
        x,
        baseline,
        scale,
    };
    for ch in text.chars() {
        let glyph = font.glyph(ch);
        font.face.outline_glyph(glyph, &mut outline);
        let advance = font.face.glyph_hor_advance(glyph).unwrap_or(0);
        outline.x += f32::from(advance) * scale;
    }
    if let Some(path) = outline.path.finish() {
        pixmap.fill_path(
            &path,
            &paint(rgb),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

/// Glyph outlines in font units → one path in pixels (y grows downwards).
struct Outline {
    path: PathBuilder,
    x: f32,
    baseline: f32,
    scale: f32,
}

impl Outline {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.baseline - y * self.scale)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x, y) = self.point(x, y);
        self.path.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x2, y2) = self.point(x2, y2);
        let (x, y) = self.point(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.path.close();
    }
}

fn color((r, g, b): (u8, u8, u8)) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn paint(rgb: (u8, u8, u8)) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(rgb));
    paint.anti_alias = true;
    paint
}

#[cfg(test)]
mod tests {
    use super::{fit, render, CardFont, ShareCard, HEIGHT, WIDTH};

    const FONT: &[u8] = include_bytes!("../../themes/default/fonts/LiberationSans-Bold.ttf");

    fn card(title: &str) -> ShareCard<'_> {
        ShareCard {
            site_title: "Parler gegen Amazon",
            kind_label: "Ereignis",
            title,
            date: Some("21. Januar 2021"),
        }
    }

    #[test]
    fn a_card_is_a_1200_by_630_png_and_the_same_every_time() {
        let font = CardFont::parse(FONT).unwrap();
        let first = render(
            &card("Richterin Rothstein lehnt die einstweilige Verfügung ab"),
            &font,
        );
        let second = render(
            &card("Richterin Rothstein lehnt die einstweilige Verfügung ab"),
            &font,
        );
        assert_eq!(first, second);
        let decoder = png::Decoder::new(std::io::Cursor::new(&first));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (WIDTH, HEIGHT));
        let other = render(&card("Anhörung"), &font);
        assert_ne!(first, other);
    }

    #[test]
    fn long_titles_wrap_between_words_and_end_in_an_ellipsis() {
        let font = CardFont::parse(FONT).unwrap();
        let lines = fit(&font, "eins zwei drei vier fünf sechs", 64.0, 300.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("eins"));
        assert!(lines[1].ends_with('…'));
        let word = fit(&font, &"W".repeat(40), 64.0, 300.0, 10);
        assert!(word.len() > 1);
        assert_eq!(word.concat(), "W".repeat(40));
    }
}
