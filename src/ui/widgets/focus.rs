//! Keyboard focus in virtualised lists, which lay out only the rows in view.

/// Scrolls a widget into view when it gains the focus (Tab). In a list that lays out only the
/// rows in view, this is what lets the next Tab reach the row after it.
pub fn follow(response: egui::Response) -> egui::Response {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    response
}
