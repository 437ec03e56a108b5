//! jieba's word dictionary, searched where it lies instead of loaded.
//!
//! Loading all 349,045 words into jieba's trie took longer than the rest of
//! a unit's build together. jieba's cut of a text reads only the words that
//! occur in it (its DAG is built from the text's substrings) and the sum of
//! all frequencies (each word's probability is its frequency over it). So a
//! segmenter given just those words, plus one word that can never match
//! carrying the rest of the sum, cuts the text exactly as the whole
//! dictionary would — `tests` compares the two over every text we ship.
//! A thread's segmenter keeps the words it was given: words of the
//! dictionary that are not in a text change nothing in its cut.

use jieba_rs::Jieba;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

/// `word frequency` per line, sorted by the words' bytes (dictionary/README.md).
static WORDS: &str = include_str!("../../../dictionary/words.txt");

/// A word no text's run of characters can contain: jieba cuts at spaces
/// before it looks words up, so this entry only carries frequency.
const REST: &str = " ";

/// The sum of all frequencies, jieba's denominator: a constant rather than
/// a sum over the file at every start (a test adds them up).
const TOTAL: usize = 60_101_964;

/// A line's word and frequency.
fn entry(line: &str) -> (&str, usize) {
    let (word, freq) = line.split_once(' ').unwrap_or((line, "0"));
    (word, freq.parse().unwrap_or(0))
}

/// The first line whose word is not less than `key` (bytewise, as sorted),
/// and where it starts, by bisecting the text itself: a probe backs up to
/// its line's start. A line is compared whole: the space after its word
/// sorts below any byte of a word, so the line is below `key` exactly when
/// its word is (`key` holds no byte at or below a space: [`joins`] lets no
/// such one through). No line before `floor` (a line's start) may be the
/// one: it is the line found for a shorter key that `key` extends.
/// Only the lines of the words that begin with `key`'s first character
/// are bisected ([`FIRST`] says where they lie): every line before them is
/// below `key` and every line after them is not. Line ends are found with
/// `memchr`: byte by byte, they were most of the search.
fn first_not_below_from(key: &str, floor: usize) -> Option<(usize, &'static str)> {
    let bytes = WORDS.as_bytes();
    let line_start =
        |lo: usize, at: usize| memchr::memrchr(b'\n', &bytes[lo..at]).map_or(lo, |p| lo + p + 1);
    let line_end =
        |start: usize| memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
    // Every line starting before `lo` is below `key`; none from `hi` on is.
    let (start, end) = words_beginning_as(key);
    // A key of one character is below every word that begins with it:
    // the first of them is the line, found without a search (half of all
    // searches were these, over the longest ranges).
    let one_character = key.chars().nth(1).is_none();
    let (mut lo, mut hi) = (floor.max(start), if one_character { start } else { end });
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = line_start(lo, mid);
        let end = line_end(start);
        if &bytes[start..end] < key.as_bytes() {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    Some((lo, WORDS.get(lo..)?.lines().next()?))
}

/// Each character that begins a word, with where its words start in
/// [`WORDS`] (a line's start), in character order: build.rs reads it off
/// the word list.
static FIRST: &[(char, u32)] = include!(concat!(env!("OUT_DIR"), "/first_characters.rs"));

/// Where the lines of the words beginning with `key`'s first character lie:
/// from the first of them to the first of the next character's. Where no
/// word begins so, the empty range at the next character's words; for an
/// empty key, the whole list.
fn words_beginning_as(key: &str) -> (usize, usize) {
    let Some(c) = key.chars().next() else {
        return (0, WORDS.len());
    };
    let at = |i: usize| FIRST.get(i).map_or(WORDS.len(), |&(_, at)| at as usize);
    let i = FIRST.partition_point(|&(f, _)| f < c);
    let next = if FIRST.get(i).is_some_and(|&(f, _)| f == c) {
        i + 1
    } else {
        i
    };
    (at(i), at(next))
}

/// Whether jieba may join `c` with its neighbours into a word: it looks
/// words up only within runs of Han characters, ASCII letters and digits
/// and `+#&._%-`. This says yes to more (all but other ASCII and the
/// punctuation blocks), so no word jieba could use is missed.
fn joins(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || "+#&._%-".contains(c);
    }
    !matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF65}')
}

/// Texts cut per thread at most before the memory of them starts afresh
/// (a table repeats its headings and names: the sample's 4,515 cells hold
/// 257 texts).
const REMEMBERED: usize = 10_000;

/// A thread's jieba, holding the words of every text cut so far (each a
/// word of the whole dictionary with its frequency) and [`REST`], and the
/// cuts it made.
struct Segmenter {
    jieba: Jieba,
    /// The frequencies of the words held, [`REST`] aside.
    held: usize,
    cuts: HashMap<String, Vec<Range<usize>>>,
}

thread_local! {
    static SEGMENTER: RefCell<Segmenter> = RefCell::new(Segmenter {
        jieba: Jieba::empty(),
        held: 0,
        cuts: HashMap::new(),
    });
}

impl Segmenter {
    /// Adds the dictionary's words that occur in `text`: those jieba's cut
    /// of it can use.
    fn learn(&mut self, text: &str) {
        let starts: Vec<(usize, char)> = text.char_indices().collect();
        // Where the run of characters jieba joins that holds each one ends
        // (found from the back, once: a cell may be one long run).
        let mut run_ends = vec![text.len(); starts.len()];
        let mut end = text.len();
        for (n, &(at, c)) in starts.iter().enumerate().rev() {
            if !joins(c) {
                end = at;
            }
            run_ends[n] = end;
        }
        for (n, &(from, c)) in starts.iter().enumerate() {
            if !joins(c) {
                continue;
            }
            // Words from here end inside its run.
            let run_end = run_ends[n];
            let ends = starts[n + 1..]
                .iter()
                .map(|&(i, _)| i)
                .take_while(|&i| i < run_end)
                .chain([run_end]);
            let mut floor = 0;
            for to in ends {
                let key = &text[from..to];
                let Some((at, line)) = first_not_below_from(key, floor) else {
                    break;
                };
                floor = at;
                let (word, freq) = entry(line);
                if word == key {
                    if !self.jieba.has_word(key) {
                        self.jieba.add_word(key, Some(freq), None);
                        self.held += freq;
                    }
                } else if !word.starts_with(key) {
                    // No longer word begins so.
                    break;
                }
            }
        }
        self.jieba
            .add_word(REST, Some(TOTAL.saturating_sub(self.held)), None);
    }
}

/// jieba's cut of `text` (with its guessing of unknown words), as with the
/// whole dictionary loaded: each word's characters.
pub fn words(text: &str) -> Vec<Range<usize>> {
    SEGMENTER.with_borrow_mut(|s| {
        if let Some(cut) = s.cuts.get(text) {
            return cut.clone();
        }
        s.learn(text);
        let cut: Vec<Range<usize>> = s
            .jieba
            .cut(text, true)
            .iter()
            .map(|t| t.start..t.end)
            .collect();
        if s.cuts.len() >= REMEMBERED {
            s.cuts.clear();
        }
        s.cuts.insert(text.to_owned(), cut.clone());
        cut
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_not_below(key: &str) -> Option<&'static str> {
        first_not_below_from(key, 0).map(|(_, line)| line)
    }

    /// The index of first characters: in character order, each at the
    /// start of the first line beginning with it, the line before (if any)
    /// beginning with a smaller one, and every line's first character in it.
    #[test]
    fn the_first_characters_index_the_word_list() {
        assert!(FIRST.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        for &(c, at) in FIRST {
            let at = at as usize;
            assert!(at == 0 || WORDS.as_bytes()[at - 1] == b'\n', "{c}");
            assert_eq!(WORDS[at..].chars().next(), Some(c));
            if at > 0 {
                let before = WORDS[..at - 1].rsplit('\n').next().unwrap();
                assert!(before.chars().next().unwrap() < c, "{c}");
            }
        }
        let firsts: std::collections::BTreeSet<char> =
            WORDS.lines().filter_map(|l| l.chars().next()).collect();
        assert_eq!(firsts.len(), FIRST.len());
        // A character no word begins with: the next character's words.
        let (start, end) = words_beginning_as("\u{3400}");
        assert_eq!(start, end);
    }

    /// A word's line is found from the line of each shorter key it extends,
    /// as `learn` searches, as from the start.
    #[test]
    fn a_longer_key_is_found_from_a_shorter_keys_line() {
        for line in WORDS.lines().step_by(89) {
            let word = entry(line).0;
            let ends = word.char_indices().map(|(i, _)| i).skip(1);
            for cut in ends.chain([word.len()]) {
                let mut floor = 0;
                for shorter in word[..cut].char_indices().map(|(i, _)| i).skip(1) {
                    floor = first_not_below_from(&word[..shorter], floor).unwrap().0;
                }
                let key = &word[..cut];
                assert_eq!(
                    first_not_below_from(key, floor),
                    first_not_below_from(key, 0),
                    "{key}"
                );
            }
        }
        assert_eq!(first_not_below_from("\u{10FFFF}", WORDS.len() / 2), None);
    }

    #[test]
    fn the_dictionary_is_sorted_and_well_formed() {
        let (mut last, mut total) = ("", 0);
        for (n, line) in WORDS.lines().enumerate() {
            let (word, freq) = line.split_once(' ').expect("word and frequency");
            assert!(!word.is_empty() && !word.contains(' '), "line {n}");
            total += freq.parse::<usize>().expect("a whole number");
            assert!(last < word, "line {n}: {last} then {word}");
            last = word;
        }
        assert_eq!(total, TOTAL);
        assert!(WORDS.ends_with('\n'));
        assert_eq!(WORDS.lines().count(), 349_045);
    }

    /// A cell of one long run of Han characters is cut whole. (When each
    /// character searched for the end of its run, this took minutes: the
    /// runs' ends are now found once.)
    #[test]
    fn a_long_run_is_cut_whole() {
        let text = "预算".repeat(50_000);
        let cut = words(&text);
        assert_eq!(cut.first().map(|r| r.start), Some(0));
        assert_eq!(cut.last().map(|r| r.end), Some(100_000));
        assert!(cut.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn every_word_is_found_and_nothing_else() {
        for line in WORDS.lines().step_by(97) {
            let (word, freq) = entry(line);
            assert_eq!(first_not_below(word).map(entry), Some((word, freq)));
        }
        assert_eq!(first_not_below("\u{10FFFF}"), None);
        assert_eq!(
            first_not_below("").map(entry),
            WORDS.lines().next().map(entry)
        );
        // A word's first character finds the first word beginning so.
        for line in WORDS.lines().step_by(997) {
            let word = entry(line).0;
            let first = &word[..word.chars().next().map_or(0, char::len_utf8)];
            let found = entry(first_not_below(first).unwrap()).0;
            assert!(
                found.starts_with(first) && found <= word,
                "{first}: {found}"
            );
        }
    }

    /// Every line of every text we ship (samples, layout sets, catalogues,
    /// the reference documents' fixtures), cut with the text's words only
    /// and with the whole dictionary: the same words. One thread cuts them
    /// all, so the segmenter holds ever more words as it goes, as in a
    /// batch.
    #[test]
    fn a_texts_words_cut_it_as_the_whole_dictionary_does() {
        let whole = Jieba::with_dict(&mut WORDS.as_bytes()).expect("dictionary");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines = std::collections::BTreeSet::new();
        for dir in ["samples", "layouts", "tests/fixtures"] {
            let mut stack = vec![root.join(dir)];
            while let Some(path) = stack.pop() {
                if path.is_dir() {
                    stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    lines.extend(text.lines().map(str::to_owned));
                }
            }
        }
        assert!(lines.len() > 4000, "{} lines", lines.len());
        // And runs of neighbouring dictionary words, whose shared prefixes
        // put many candidate words over each other.
        let all: Vec<&str> = WORDS.lines().map(|l| entry(l).0).collect();
        lines.extend(all.windows(4).step_by(211).map(|w| w.concat()));
        for line in &lines {
            let whole: Vec<Range<usize>> = whole
                .cut(line, true)
                .iter()
                .map(|t| t.start..t.end)
                .collect();
            assert_eq!(words(line), whole, "{line}");
        }
    }
}
