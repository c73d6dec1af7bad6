//! A direct reader for question-set files in the RON shape the app writes and the bundled sets
//! use. It reads such a file several times faster than the general RON parser, which is most
//! of the cost of loading a large bank.
//!
//! It accepts only what it is sure of: the three structures with their own names (or none),
//! their known fields in any order, strings with the usual escapes and raw strings, decimal
//! numbers, `Some(…)`/`None` or a bare number for the minutes, comments, trailing commas.
//! Anything else (RON attributes, other escapes or number forms, unknown or repeated or missing
//! fields, any syntax error) gives `None`, and the caller parses the text with RON itself, so
//! accepted files give exactly RON's result and every error keeps RON's message and position.

use super::question::{Category, Level, Question, QuestionSet};

/// The set in `text` (without a byte-order mark), or `None` to leave the text to RON.
pub fn read_set(text: &str) -> Option<QuestionSet> {
    let mut reader = Reader::new(text);
    let set = reader.question_set()?;
    reader.end()?;
    Some(set)
}

/// A list of questions, `[Question(…), …]`, or `None` to leave the text to RON.
pub fn read_questions(text: &str) -> Option<Vec<Question>> {
    let mut reader = Reader::new(text);
    let questions = reader.list(Reader::question)?;
    reader.end()?;
    Some(questions)
}

/// The most nested `/* */` comments followed; deeper nesting is left to RON.
const MOST_COMMENT_DEPTH: usize = 64;

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// Skips whitespace and comments. Only ASCII whitespace is known here.
    fn skip(&mut self) -> Option<()> {
        let bytes = self.bytes();
        loop {
            match bytes.get(self.at) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                Some(b'/') => match bytes.get(self.at + 1) {
                    Some(b'/') => {
                        self.at = memchr::memchr(b'\n', &bytes[self.at..])
                            .map_or(bytes.len(), |n| self.at + n + 1);
                    }
                    Some(b'*') => self.block_comment()?,
                    _ => return None,
                },
                _ => return Some(()),
            }
        }
    }

    fn block_comment(&mut self) -> Option<()> {
        let bytes = self.bytes();
        let mut depth = 0usize;
        loop {
            match (bytes.get(self.at), bytes.get(self.at + 1)) {
                (Some(b'/'), Some(b'*')) => {
                    depth += 1;
                    if depth > MOST_COMMENT_DEPTH {
                        return None;
                    }
                    self.at += 2;
                }
                (Some(b'*'), Some(b'/')) => {
                    depth -= 1;
                    self.at += 2;
                    if depth == 0 {
                        return Some(());
                    }
                }
                (Some(_), _) => self.at += 1,
                (None, _) => return None,
            }
        }
    }

    /// True, past it, if the next token is `byte`.
    fn eat(&mut self, byte: u8) -> Option<bool> {
        self.skip()?;
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(true)
        } else {
            Some(false)
        }
    }

    fn require(&mut self, byte: u8) -> Option<()> {
        self.eat(byte)?.then_some(())
    }

    fn end(&mut self) -> Option<()> {
        self.skip()?;
        (self.at == self.text.len()).then_some(())
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.skip()?;
        let bytes = self.bytes();
        let start = self.at;
        match bytes.get(start) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return None,
        }
        let len = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(bytes.len() - start);
        self.at = start + len;
        self.text.get(start..self.at)
    }

    fn string(&mut self) -> Option<String> {
        self.skip()?;
        if self.peek() == Some(b'r') {
            return self.raw_string();
        }
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        let bytes = self.bytes();
        let mut out = String::new();
        loop {
            let rest = bytes.get(self.at..)?;
            let stop = memchr::memchr2(b'"', b'\\', rest)?;
            // Cut at an ASCII byte, so at a character boundary.
            out.push_str(self.text.get(self.at..self.at + stop)?);
            self.at += stop;
            if bytes[self.at] == b'"' {
                self.at += 1;
                return Some(out);
            }
            self.at += 1;
            let escaped = match bytes.get(self.at)? {
                b'\\' => '\\',
                b'"' => '"',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'u' => {
                    self.at += 1;
                    if bytes.get(self.at) != Some(&b'{') {
                        return None;
                    }
                    let close = memchr::memchr(b'}', bytes.get(self.at..)?)? + self.at;
                    let digits = self.text.get(self.at + 1..close)?;
                    if digits.is_empty() || digits.len() > 6 {
                        return None;
                    }
                    let code = u32::from_str_radix(digits, 16).ok()?;
                    self.at = close;
                    char::from_u32(code)?
                }
                _ => return None,
            };
            self.at += 1;
            out.push(escaped);
        }
    }

    /// `r"…"`, `r#"…"#`, `r##"…"##`…: no escapes; ends at a quote followed by as many `#`.
    fn raw_string(&mut self) -> Option<String> {
        let bytes = self.bytes();
        self.at += 1;
        let hashes = bytes[self.at..].iter().take_while(|b| **b == b'#').count();
        self.at += hashes;
        if bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let start = self.at;
        loop {
            let quote = self.at + memchr::memchr(b'"', bytes.get(self.at..)?)?;
            let closing = bytes.get(quote + 1..quote + 1 + hashes)?;
            if closing.iter().all(|b| *b == b'#') {
                let content = self.text.get(start..quote)?;
                self.at = quote + 1 + hashes;
                return Some(content.to_string());
            }
            self.at = quote + 1;
        }
    }

    fn number(&mut self) -> Option<u32> {
        self.skip()?;
        let bytes = self.bytes();
        let start = self.at;
        let len = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len() - start);
        // `5_000`, `0x5`, `5.0` and the like are RON's to read.
        if len == 0
            || bytes
                .get(start + len)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
        {
            return None;
        }
        self.at = start + len;
        self.text.get(start..self.at)?.parse().ok()
    }

    /// `[item, item, …]`, with an optional trailing comma.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.require(b'[')?;
        let mut items = Vec::new();
        loop {
            if self.eat(b']')? {
                return Some(items);
            }
            items.push(item(self)?);
            if !self.eat(b',')? {
                self.require(b']')?;
                return Some(items);
            }
        }
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Reader::string)
    }

    /// `Name(field: value, …)` or `(field: value, …)`: calls `field` with each field's name,
    /// positioned at its value; `field` returns false for a name it does not know or has had.
    fn structure(
        &mut self,
        name: &str,
        mut field: impl FnMut(&mut Self, &str) -> Option<bool>,
    ) -> Option<()> {
        self.skip()?;
        if self.peek() != Some(b'(') && self.ident()? != name {
            return None;
        }
        self.require(b'(')?;
        loop {
            if self.eat(b')')? {
                return Some(());
            }
            let key = self.ident()?;
            self.require(b':')?;
            if !field(self, key)? {
                return None;
            }
            if !self.eat(b',')? {
                self.require(b')')?;
                return Some(());
            }
        }
    }

    fn question_set(&mut self) -> Option<QuestionSet> {
        let (mut id, mut title, mut description, mut version) = (None, None, None, None);
        let (mut categories, mut questions) = (None, None);
        self.structure("QuestionSet", |r, key| {
            Some(match key {
                "id" => set_once(&mut id, r.string()?),
                "title" => set_once(&mut title, r.string()?),
                "description" => set_once(&mut description, r.string()?),
                "version" => set_once(&mut version, r.number()?),
                "categories" => set_once(&mut categories, r.list(Reader::category)?),
                "questions" => set_once(&mut questions, r.list(Reader::question)?),
                _ => false,
            })
        })?;
        Some(QuestionSet {
            id: id?,
            title: title?,
            description: description.unwrap_or_default(),
            version: version.unwrap_or(1),
            categories: categories?,
            questions: questions?,
        })
    }

    fn category(&mut self) -> Option<Category> {
        let (mut id, mut title) = (None, None);
        self.structure("Category", |r, key| {
            Some(match key {
                "id" => set_once(&mut id, r.string()?),
                "title" => set_once(&mut title, r.string()?),
                _ => false,
            })
        })?;
        Some(Category {
            id: id?,
            title: title?,
        })
    }

    fn level(&mut self) -> Option<Level> {
        match self.ident()? {
            "Entry" => Some(Level::Entry),
            "Intermediate" => Some(Level::Intermediate),
            "Advanced" => Some(Level::Advanced),
            "Expert" => Some(Level::Expert),
            _ => None,
        }
    }

    /// `5`, `Some(5)` or `None`.
    fn minutes(&mut self) -> Option<Option<u32>> {
        self.skip()?;
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Some(Some(self.number()?));
        }
        match self.ident()? {
            "None" => Some(None),
            "Some" => {
                self.require(b'(')?;
                let minutes = self.number()?;
                self.require(b')')?;
                Some(Some(minutes))
            }
            _ => None,
        }
    }

    fn question(&mut self) -> Option<Question> {
        let (mut id, mut category, mut level, mut prompt) = (None, None, None, None);
        let (mut listen_for, mut red_flags, mut follow_ups) = (None, None, None);
        let (mut answer, mut example, mut minutes, mut tags) = (None, None, None, None);
        self.structure("Question", |r, key| {
            Some(match key {
                "id" => set_once(&mut id, r.string()?),
                "category" => set_once(&mut category, r.string()?),
                "level" => set_once(&mut level, r.level()?),
                "prompt" => set_once(&mut prompt, r.string()?),
                "listen_for" => set_once(&mut listen_for, r.strings()?),
                "red_flags" => set_once(&mut red_flags, r.strings()?),
                "follow_ups" => set_once(&mut follow_ups, r.strings()?),
                "answer" => set_once(&mut answer, r.string()?),
                "example" => set_once(&mut example, r.string()?),
                "minutes" => set_once(&mut minutes, r.minutes()?),
                "tags" => set_once(&mut tags, r.strings()?),
                _ => false,
            })
        })?;
        Some(Question {
            id: id?,
            category: category?,
            level: level?,
            prompt: prompt?,
            listen_for: listen_for?,
            red_flags: red_flags.unwrap_or_default(),
            follow_ups: follow_ups.unwrap_or_default(),
            answer: answer.unwrap_or_default(),
            example: example.unwrap_or_default(),
            minutes: minutes.flatten(),
            tags: tags.unwrap_or_default(),
        })
    }
}

/// Stores a field's value; false if the field was already given (RON reports the repeat).
fn set_once<T>(slot: &mut Option<T>, value: T) -> bool {
    if slot.is_some() {
        return false;
    }
    *slot = Some(value);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{ron_options, set_to_ron};
    use proptest::prelude::*;

    fn by_ron(text: &str) -> Option<QuestionSet> {
        ron_options().from_str::<QuestionSet>(text).ok()
    }

    #[test]
    fn every_bundled_set_reads_as_ron_reads_it() {
        for (name, text) in crate::store::bank_files::BUNDLED_SETS {
            let fast = read_set(text);
            assert!(fast.is_some(), "{name} is read directly");
            assert_eq!(fast, by_ron(text), "{name}");
        }
    }

    const HANDWRITTEN: &str = r###"
// A comment before the set.
(
    title: "Hand /* not a comment */ written", id: "hand",
    categories: [(title: "A", id: "a"), Category(id: "b", title: "B",),],
    /* a block /* nested */ comment */
    questions: [
        Question(
            id: "q1", category: "a", level: Expert, answer: r"plain raw",
            prompt: "Line one\nline two with \"quotes\", a tab\t, a backslash \\ and \u{1F600} and 'single'",
            listen_for: ["one", "two",],
            minutes: Some(7),
        ),
        (id: "q2", category: "b", level: Entry, example: r##"raw "# with "quotes" and \n"##, prompt: "Literal
newline and é and 中文", listen_for: [], minutes: 12, tags: ["x"], answer: ""),
        Question(id: "q3", category: "b", level: Advanced, prompt: "p", listen_for: ["l"], minutes: None, red_flags: ["r"], follow_ups: ["f"]),
    ],
    version: 3,
)
// trailing comment"###;

    #[test]
    fn handwritten_variants_read_as_ron_reads_them() {
        let fast = read_set(HANDWRITTEN);
        assert!(
            fast.is_some(),
            "the handwritten set is read directly; RON says {:?}",
            ron_options().from_str::<QuestionSet>(HANDWRITTEN).err()
        );
        assert_eq!(fast, by_ron(HANDWRITTEN));
        let set = fast.unwrap_or_else(|| unreachable!());
        assert_eq!(set.questions[0].minutes, Some(7));
        assert_eq!(set.questions[1].minutes, Some(12));
        assert_eq!(set.questions[2].minutes, None);
        assert!(set.questions[0].prompt.contains('😀'));
        assert_eq!(set.version, 3);
    }

    #[test]
    fn anything_unusual_is_left_to_ron() {
        let base = r#"QuestionSet(id: "s", title: "S", categories: [], questions: [Question(id: "q", category: "c", level: Entry, prompt: "p", listen_for: ["l"]REST)])"#;
        assert!(read_set(&base.replace("REST", "")).is_some());
        for (rest, why) in [
            (", minutes: 5_0", "underscored number"),
            (", minutes: 0x5", "hex number"),
            (", minutes: 5.0", "float"),
            (", minutes: -5", "sign"),
            (", minutes: 99999999999", "overflow"),
            (", tags: [r#\"raw\"]", "unterminated raw string"),
            (", tags: [\"\\x41\"]", "other escape"),
            (", tags: [\"\\u{110000}\"]", "not a character"),
            (", bogus: 1", "unknown field"),
            (", prompt: \"again\"", "repeated field"),
            (", tags: [\"unterminated]", "unterminated string"),
            (" /* unterminated comment", "unterminated comment"),
            (",\u{a0}tags: []", "non-ASCII whitespace"),
        ] {
            assert_eq!(read_set(&base.replace("REST", rest)), None, "{why}");
        }
        assert_eq!(
            read_set(&format!(
                "#![enable(implicit_some)]\n{}",
                base.replace("REST", "")
            )),
            None,
            "attribute"
        );
        assert_eq!(
            read_set(
                &base
                    .replace("level: Entry", "level: Junior")
                    .replace("REST", "")
            ),
            None,
            "unknown level"
        );
        assert_eq!(
            read_set(&base.replace("QuestionSet(", "Other(").replace("REST", "")),
            None,
            "other name"
        );
        assert_eq!(
            read_set(
                &base
                    .replace(", listen_for: [\"l\"]", "")
                    .replace("REST", "")
            ),
            None,
            "missing field"
        );
        assert_eq!(
            read_set(&format!("{} x", base.replace("REST", ""))),
            None,
            "text after the set"
        );
    }

    fn arbitrary_text() -> impl Strategy<Value = String> {
        prop_oneof![".*", "[a-z \"\\\\\n\t/*]{0,20}", Just(String::new()),]
    }

    fn arbitrary_question() -> impl Strategy<Value = Question> {
        (
            arbitrary_text(),
            arbitrary_text(),
            0..4usize,
            arbitrary_text(),
            proptest::collection::vec(arbitrary_text(), 0..3),
            proptest::collection::vec(arbitrary_text(), 0..2),
            arbitrary_text(),
            proptest::option::of(0..100u32),
        )
            .prop_map(
                |(id, category, level, prompt, listen_for, tags, answer, minutes)| Question {
                    id,
                    category,
                    level: Level::ALL[level],
                    prompt,
                    listen_for,
                    red_flags: tags.clone(),
                    follow_ups: Vec::new(),
                    answer,
                    example: String::new(),
                    minutes,
                    tags,
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any set the app writes reads back exactly, as RON reads it.
        #[test]
        fn written_sets_read_back_exactly(
            questions in proptest::collection::vec(arbitrary_question(), 0..4),
            description in arbitrary_text(),
        ) {
            let set = QuestionSet {
                id: "s".into(),
                title: "S".into(),
                description,
                version: 2,
                categories: vec![Category { id: "c".into(), title: "C".into() }],
                questions,
            };
            let text = set_to_ron(&set).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(read_set(&text), Some(set.clone()));
            prop_assert_eq!(by_ron(&text), Some(set));
        }

        /// Damaged text is read only when RON reads it the same way.
        #[test]
        fn damaged_text_reads_as_ron_reads_it_or_not_at_all(
            cut in 0usize..2000,
            len in 0usize..4,
            insert in "[\"\\\\,:()\\[\\]a-z0-9 /*\n]{0,3}",
        ) {
            let text = HANDWRITTEN;
            let mut start = cut.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let damaged = format!("{}{}{}", &text[..start], insert, &text[end..]);
            if let Some(fast) = read_set(&damaged) {
                prop_assert_eq!(Some(fast), by_ron(&damaged), "{}", damaged);
            }
        }
    }
}
