//! How the app looks: the theme with its named colour tokens, and the fonts.

pub mod fonts;
pub mod theme;
