//! Keeps a side panel's contents inside the panel.

/// Draws `add_contents` in the room `ui` has left, clipped to it, and reports exactly that room
/// to the parent. A side panel whose contents are wider than the panel (a long word, a row of
/// buttons at a large zoom) would otherwise give up part of its place to its neighbour and be
/// drawn over by it; here the contents are clipped or wrap instead.
pub fn contained<R>(ui: &mut egui::Ui, add_contents: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.shrink_clip_rect(rect);
    let result = add_contents(&mut child);
    ui.allocate_rect(rect, egui::Sense::hover());
    result
}
