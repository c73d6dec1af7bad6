//! Pure data and logic: no egui, no file IO.

pub mod bank;
pub mod debrief;
pub mod decision;
pub mod decision_log;
pub mod format;
pub mod health;
pub mod load;
pub mod loop_check;
pub mod loop_coverage;
pub mod loop_plan;
pub mod loop_schedule;
pub mod loop_status;
pub mod names;
pub mod panel;
pub mod plan;
pub mod question;
pub mod scoring;
pub mod search;
pub mod session;
pub mod set_reader;
pub mod signature;

pub use bank::{BankEntry, BankSet, QuestionBank};
pub use load::{LoadProblem, QuestionField, SetOrigin, SetSource};
pub use plan::{InterviewPlan, QuestionSnapshot};
pub use question::{Category, Level, Question, QuestionSet};
pub use session::{QuestionOutcome, QuestionState, Rating, Recommendation, Session};
