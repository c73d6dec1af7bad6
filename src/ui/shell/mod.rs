//! What surrounds every screen: notices, the shortcut table and its cheat sheet, and the
//! input handling that keeps keystrokes in order across focus moves.

pub mod input_hold;
pub mod notices;
pub mod resume;
pub mod shortcuts;
pub mod top_bar;
