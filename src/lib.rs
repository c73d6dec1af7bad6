//! Interview Scorecard: structured technical interviews with a question bank, live scoring,
//! scorecards and panel comparison.

pub mod cli;
pub mod export;
pub mod fonts;
pub mod import;
pub mod model;
pub mod store;
pub mod ui;
