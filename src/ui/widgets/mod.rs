//! Small reusable widgets.

pub mod badges;
pub mod buttons;
pub mod contain;
pub mod focus;
pub mod marked_text;
pub mod question_preview;
pub mod rating;
