//! Fonts: the bundled Noto/Droid fonts so names in any script render instead of boxes.

use std::sync::Arc;

use crate::fonts::{self as bundled, FontFile};

/// Noto Sans first (readable at interview sizes, wide Latin/Greek/Cyrillic coverage), then egui's
/// defaults (emoji and icons), then the script fallbacks in the order the bundle lists them.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for file in bundled::ALL {
        fonts.font_data.insert(
            file.name.to_string(),
            Arc::new(egui::FontData::from_static(file.bytes)),
        );
    }
    let names = |chain: &[FontFile]| chain.iter().map(|f| f.name.to_string()).collect::<Vec<_>>();
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        let defaults = std::mem::take(family);
        let mut chain = names(&bundled::SANS[..1]);
        chain.extend(defaults);
        chain.extend(names(&bundled::SANS[1..]));
        *family = chain;
    }
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Monospace) {
        let defaults = std::mem::take(family);
        let mut chain = names(&bundled::MONO[..1]);
        chain.extend(defaults);
        chain.extend(names(&bundled::MONO[1..]));
        *family = chain;
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
