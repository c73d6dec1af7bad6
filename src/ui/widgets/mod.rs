//! Small reusable widgets.

pub mod badges;
pub mod buttons;
pub mod rating;
