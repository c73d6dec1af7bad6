//! Fonts: the bundled Noto/Droid fonts so names in any script render instead of boxes.
//!
//! Only the Latin, Greek and Cyrillic fonts (body and code) are installed up front. The other
//! scripts' fonts (CJK and Hangul alone are 4.5 MB) are handed to egui by a [`FontProvider`]
//! the moment a character no installed font has is laid out: egui asks the providers during
//! that layout, so the character is drawn with its font in the very frame it first appears,
//! never as a box, and a window that shows no such text never reads those fonts.

use std::sync::{Arc, OnceLock};

use egui::epaint::text::{
    FallbackRequest, FontInsert, FontPriority, FontProvider, InsertFontFamily,
};

use crate::fonts::{self as bundled, FontFile};

/// Noto Sans first (readable at interview sizes, wide Latin/Greek/Cyrillic coverage), then egui's
/// defaults (emoji and icons). Code: Noto Sans Mono, egui's defaults, then Noto Sans. Every other
/// script comes from [`BundledScripts`] when it is first needed.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for file in [bundled::NOTO_SANS, bundled::NOTO_SANS_MONO] {
        fonts.font_data.insert(
            file.name.to_string(),
            Arc::new(egui::FontData::from_static(file.bytes)),
        );
    }
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        family.insert(0, bundled::NOTO_SANS.name.to_string());
    }
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Monospace) {
        family.insert(0, bundled::NOTO_SANS_MONO.name.to_string());
        family.push(bundled::NOTO_SANS.name.to_string());
    }
    fonts
}

/// The bundled fonts that are not installed up front, in the order [`bundled::SANS`] lists them,
/// so a character two of them cover comes from the same font as in the PDF export.
fn on_demand() -> impl Iterator<Item = &'static FontFile> {
    bundled::SANS
        .iter()
        .filter(|f| **f != bundled::NOTO_SANS && **f != bundled::NOTO_SANS_MONO)
}

/// The first on-demand font with a glyph for `c`. Only the fonts' character maps are read.
pub fn bundled_font_for(c: char) -> Option<&'static FontFile> {
    on_demand().find(|file| {
        rustybuzz::ttf_parser::Face::parse(file.bytes, 0)
            .is_ok_and(|face| face.glyph_index(c).is_some_and(|g| g.0 != 0))
    })
}

/// Hands egui the bundled font of a script when text in it is first laid out. egui asks once per
/// family and character, synchronously, before drawing it.
pub struct BundledScripts;

impl FontProvider for BundledScripts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let file = bundled_font_for(c)?;
        log::debug!("installing the bundled font {} for {c:?}", file.name);
        // Into both families at once: a name that shows in a heading shows in code too.
        let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        Some(FontInsert::new(
            file.name,
            egui::FontData::from_static(file.bytes),
            families,
        ))
    }
}

/// The operating system's fonts, for a character none of the bundled fonts has (a script we do
/// not bundle). Enumerating them takes a thread and a few megabytes, so it starts only when
/// such a character first shows, not at every start as eframe's default would.
#[derive(Default)]
pub struct SystemFallback(OnceLock<egui_system_font_provider::SystemFontProvider>);

impl FontProvider for SystemFallback {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        self.0
            .get_or_init(egui_system_font_provider::SystemFontProvider::new)
            .font_for(request)
    }
}

/// Installs the up-front fonts and the provider of the other bundled scripts.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    ctx.add_font_provider(Arc::new(BundledScripts));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_demand_fonts_are_the_fallbacks_in_their_order() {
        let names: Vec<&str> = on_demand().map(|f| f.name).collect();
        let expected: Vec<&str> = bundled::SANS[1..].iter().map(|f| f.name).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn each_script_finds_its_font() {
        for (c, font) in [
            ('李', "DroidSansFallback-CJK"),
            ('さ', "DroidSansFallback-CJK"),
            ('김', "NotoSansKR-Hangul"),
            ('م', "NotoSansArabic-Regular"),
            ('ส', "NotoSansThai-Regular"),
            ('க', "NotoSansTamil-Regular"),
            ('ሰ', "NotoSansEthiopic-Regular"),
            ('✓', "NotoSansSymbols2-Regular"),
        ] {
            assert_eq!(bundled_font_for(c).map(|f| f.name), Some(font), "{c:?}");
        }
        assert_eq!(
            bundled_font_for('\u{E000}'),
            None,
            "a private-use character is in no bundled font"
        );
    }

    /// A headless context has a glyph in each script on its first frame: the provider installs
    /// the font while that frame lays the text out.
    #[test]
    fn first_frame_has_every_script() {
        let ctx = egui::Context::default();
        install(&ctx);
        let font_id = egui::FontId::proportional(14.0);
        let mono = egui::FontId::monospace(14.0);
        let mut output = ctx.run_ui(Default::default(), |ui| {
            for c in ['李', '김', 'م', 'ส', 'ሰ', 'Ж', '✓'] {
                assert!(ui.fonts_mut(|f| f.has_glyph(&font_id, c)), "{c:?}");
                assert!(ui.fonts_mut(|f| f.has_glyph(&mono, c)), "{c:?} in code");
            }
        });
        output.textures_delta.clear();
    }
}
