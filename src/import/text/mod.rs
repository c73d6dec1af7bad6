//! Small text helpers shared by the importers: normalising what word processors produce,
//! recognising labels, bullets, levels and question lines.
//!
//! One file per kind of thing a recogniser reads: `clean` (characters, spaces and inline
//! markup), `labels` (lines such as "What to listen for:" that introduce a part of a
//! question), `bullets` (list items), `questions` (question lines and their numbering),
//! `headings` (what a heading or line says about its section: category, prose, contents,
//! closing, promotion), `levels` (level words and experience ranges) and `metadata` (minutes
//! and the bracketed level or time on a question line).

mod bullets;
mod clean;
mod headings;
mod labels;
mod levels;
mod metadata;
mod questions;

pub use bullets::{Bullet, bullet};
pub use clean::{clean_inline, indent_of, normalise, squash, squash_owned};
pub use headings::{
    HeadingRole, category_title, heading_role, is_closing_heading, is_contents_heading,
    is_marketing,
};
pub use labels::{LabelKind, label};
pub use levels::find_level;
pub use metadata::{parse_minutes, split_inline_meta};
pub use questions::{
    ends_with_question_mark, has_letters, prompt_key, question_prefix, starts_like_question,
    strip_question_prefix,
};
