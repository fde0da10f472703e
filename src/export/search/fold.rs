//! Folding (SPEC §11 "Search"): the words of a text as the index stores
//! them and the theme's script compares them, lowercase and without accents.

/// Words longer than this are cut: nobody types them, and they bloat the index.
const MAX_WORD: usize = 40;

/// The words of a text fed in pieces, lowercase, without accents, with `ß`,
/// `æ`, `œ` and the like spelled out (the theme's `search.js` folds a query
/// the same way: `NFD`, marks removed, the same spelled-out letters). A word
/// is a run of letters and digits, cut at [`MAX_WORD`] characters, and may go
/// on from one piece into the next, until [`Words::end`]; the folded text
/// itself is never built.
#[derive(Default)]
pub(super) struct Words {
    /// The current word, folded, at most [`MAX_WORD`] characters.
    word: String,
    /// Its length in characters, counting those cut off.
    chars: usize,
}

impl Words {
    pub(super) fn feed(&mut self, text: &str, emit: &mut impl FnMut(&str)) {
        if text.is_ascii() {
            for byte in text.bytes() {
                if byte.is_ascii_alphanumeric() {
                    self.push(char::from(byte.to_ascii_lowercase()));
                } else {
                    self.end(emit);
                }
            }
            return;
        }
        for ch in text.chars() {
            let code = ch as u32;
            if (0xC0..0x180).contains(&code) {
                match LATIN_FOLDS[(code - 0xC0) as usize] {
                    "" => self.end(emit),
                    base => base.chars().for_each(|folded| self.push(folded)),
                }
            } else {
                for folded in ch.to_lowercase() {
                    if folded.is_alphanumeric() {
                        self.push(folded);
                    } else {
                        self.end(emit);
                    }
                }
            }
        }
    }

    /// Adds a letter or digit to the current word.
    fn push(&mut self, ch: char) {
        if self.chars < MAX_WORD {
            self.word.push(ch);
        }
        self.chars += 1;
    }

    /// Ends the current word, passing it on unless it is a single letter.
    pub(super) fn end(&mut self, emit: &mut impl FnMut(&str)) {
        let keep = match self.chars {
            0 => false,
            1 => self.word.as_bytes()[0].is_ascii_digit(),
            _ => true,
        };
        if keep {
            emit(&self.word);
        }
        self.word.clear();
        self.chars = 0;
    }
}

/// The words of a text, folded: what the index stores and the script compares.
/// A word is a run of letters and digits; one-letter words are left out (they
/// would match everything), one-digit numbers kept.
pub(crate) fn fold_words(text: &str) -> impl Iterator<Item = String> {
    let mut words = Words::default();
    let mut found = Vec::new();
    let mut emit = |word: &str| found.push(word.to_owned());
    words.feed(text, &mut emit);
    words.end(&mut emit);
    found.into_iter()
}

/// The folded form of U+00C0..U+017F (Latin-1 letters and Latin Extended-A),
/// generated from Unicode's decompositions; an empty string is not a letter.
#[rustfmt::skip]
const LATIN_FOLDS: [&str; 192] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
];

#[cfg(test)]
mod tests {
    use super::{fold_words, Words, LATIN_FOLDS, MAX_WORD};

    // The whole text folded first, then cut into words: the plain reference
    // the streaming `Words` is held to.
    fn words_of_folded(folded: &str) -> impl Iterator<Item = &str> {
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| {
                let mut chars = word.chars();
                match (chars.next(), chars.next()) {
                    (None, _) => false,
                    (Some(only), None) => only.is_ascii_digit(),
                    _ => true,
                }
            })
            .map(|word| match word.char_indices().nth(MAX_WORD) {
                Some((cut, _)) => &word[..cut],
                None => word,
            })
    }

    /// Lowercase, without accents, with `ß`, `æ`, `œ` and the like spelled out.
    fn fold(text: &str) -> String {
        if text.is_ascii() {
            return text.to_ascii_lowercase();
        }
        let mut folded = String::with_capacity(text.len());
        for ch in text.chars() {
            let code = ch as u32;
            if (0xC0..0x180).contains(&code) {
                let base = LATIN_FOLDS[(code - 0xC0) as usize];
                folded.push_str(if base.is_empty() { " " } else { base });
            } else {
                folded.extend(ch.to_lowercase());
            }
        }
        folded
    }

    #[test]
    fn folding_drops_case_and_accents_and_spells_out_sharp_s() {
        assert_eq!(fold("Frühere Anhörung"), "fruhere anhorung");
        assert_eq!(fold("Straße ÆØÅ Œuvre Łódź"), "strasse aeoa oeuvre lodz");
        assert_eq!(fold("Barbara J. Rothstein"), "barbara j. rothstein");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_without_single_letters() {
        let words: Vec<String> =
            fold_words("Barbara J. Rothstein, 2:21-cv-00031 (Sherman Act § 1)").collect();
        assert_eq!(
            words,
            [
                "barbara",
                "rothstein",
                "2",
                "21",
                "cv",
                "00031",
                "sherman",
                "act",
                "1"
            ]
        );
    }

    /// The words [`Words`] finds in `pieces`, fed one after the other.
    fn streamed_words(pieces: &[&str]) -> Vec<String> {
        let mut words = Words::default();
        let mut found = Vec::new();
        let mut emit = |word: &str| found.push(word.to_owned());
        for piece in pieces {
            words.feed(piece, &mut emit);
        }
        words.end(&mut emit);
        found
    }

    #[test]
    fn streamed_words_are_the_folded_words_of_the_whole_text() {
        let long = "Donaudampfschifffahrtsgesellschaftskapitänsmütze".repeat(2);
        let texts = [
            "Barbara J. Rothstein, 2:21-cv-00031 (Sherman Act § 1)",
            "Straße ÆØÅ Œuvre Łódź × 3÷4 İstanbul ΣΊΣΥΦΟΣ ǅemal x y 7",
            long.as_str(),
            "",
            "a",
        ];
        for text in texts {
            let whole: Vec<String> = words_of_folded(&fold(text)).map(str::to_owned).collect();
            assert_eq!(streamed_words(&[text]), whole, "{text}");
            // Split anywhere, a word runs on into the next piece.
            for (cut, _) in text.char_indices() {
                let pieces = [&text[..cut], &text[cut..]];
                assert_eq!(streamed_words(&pieces), whole, "{text} cut at {cut}");
            }
        }
    }
}
