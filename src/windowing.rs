//! Which rows of a long table to put in the page: only those in view (plus a few either side),
//! with empty space standing in for the rest so the scroll bar is as long as the whole table.
//! All lengths are CSS pixels; the rows sit below a header of `header_px` inside one scroll box.

/// Rows rendered beyond each edge of the view, so a quick scroll or j/k never shows a gap.
pub const OVERSCAN: usize = 8;

/// Rows `start..end` of the table are rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowWindow {
    pub start: usize,
    pub end: usize,
}

impl RowWindow {
    /// Height of the empty space before the first rendered row.
    pub fn space_before(self, row_px: f64) -> f64 {
        self.start as f64 * row_px
    }

    /// Height of the empty space after the last rendered row.
    pub fn space_after(self, count: usize, row_px: f64) -> f64 {
        count.saturating_sub(self.end) as f64 * row_px
    }
}

/// Where the scroll box looks, and how tall its parts are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// `scrollTop` of the scroll box.
    pub scroll_top: f64,
    /// Visible height of the scroll box.
    pub height: f64,
    /// Height of one row.
    pub row_px: f64,
    /// Height of the (sticky) header row above the first row.
    pub header_px: f64,
}

/// The rows of a `count`-row table that are in view, widened by `overscan` rows either side.
pub fn rows_in_view(count: usize, view: Viewport, overscan: usize) -> RowWindow {
    if count == 0 {
        return RowWindow { start: 0, end: 0 };
    }
    let row_px = if view.row_px.is_finite() && view.row_px >= 1.0 {
        view.row_px
    } else {
        1.0
    };
    let top = (view.scroll_top - view.header_px).max(0.0);
    let bottom = (view.scroll_top + view.height.max(0.0) - view.header_px).max(0.0);
    let first = ((top / row_px).floor() as usize).min(count - 1);
    let last = ((bottom / row_px).ceil() as usize).clamp(first + 1, count);
    RowWindow {
        start: first.saturating_sub(overscan),
        end: last.saturating_add(overscan).min(count),
    }
}

/// The `scrollTop` that brings row `index` fully into view below the sticky header, or `None`
/// when it is already in view.
pub fn scroll_to_show(index: usize, view: Viewport) -> Option<f64> {
    let row_top = view.header_px + index as f64 * view.row_px;
    let row_bottom = row_top + view.row_px;
    if row_top < view.scroll_top + view.header_px {
        Some((row_top - view.header_px).max(0.0))
    } else if row_bottom > view.scroll_top + view.height {
        Some((row_bottom - view.height).max(0.0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(scroll_top: f64) -> Viewport {
        Viewport {
            scroll_top,
            height: 400.0,
            row_px: 40.0,
            header_px: 40.0,
        }
    }

    #[test]
    fn the_top_of_a_long_table_renders_only_the_first_screenful() {
        let window = rows_in_view(1000, view(0.0), 0);
        // 360 px of rows are visible under the header: 9 rows.
        assert_eq!(window, RowWindow { start: 0, end: 9 });
        let with_spare = rows_in_view(1000, view(0.0), OVERSCAN);
        assert_eq!(with_spare, RowWindow { start: 0, end: 17 });
        assert_eq!(with_spare.space_before(40.0), 0.0);
        assert_eq!(with_spare.space_after(1000, 40.0), 983.0 * 40.0);
    }

    #[test]
    fn scrolling_down_moves_the_window_and_keeps_the_total_height() {
        let window = rows_in_view(1000, view(4000.0), 2);
        // Rows from (4000-40)/40 = 99 to (4400-40)/40 = 109 are visible.
        assert_eq!(
            window,
            RowWindow {
                start: 97,
                end: 111
            }
        );
        let total = window.space_before(40.0)
            + (window.end - window.start) as f64 * 40.0
            + window.space_after(1000, 40.0);
        assert_eq!(total, 1000.0 * 40.0);
    }

    #[test]
    fn the_end_of_the_table_and_short_tables_are_clamped() {
        assert_eq!(
            rows_in_view(1000, view(1e9), 3),
            RowWindow {
                start: 996,
                end: 1000
            }
        );
        assert_eq!(
            rows_in_view(3, view(0.0), OVERSCAN),
            RowWindow { start: 0, end: 3 }
        );
        assert_eq!(
            rows_in_view(0, view(0.0), OVERSCAN),
            RowWindow { start: 0, end: 0 }
        );
    }

    #[test]
    fn silly_measurements_never_panic_or_render_nothing() {
        let broken = Viewport {
            scroll_top: -50.0,
            height: f64::NAN,
            row_px: 0.0,
            header_px: 0.0,
        };
        let window = rows_in_view(10, broken, 0);
        assert!(window.start == 0 && window.end >= 1);
    }

    #[test]
    fn moving_the_cursor_below_the_view_scrolls_just_enough() {
        // Row 9 spans 400..440 px; the view ends at 400.
        assert_eq!(scroll_to_show(9, view(0.0)), Some(40.0));
        assert_eq!(scroll_to_show(3, view(0.0)), None);
    }

    #[test]
    fn moving_the_cursor_above_the_view_puts_it_under_the_header() {
        // At scrollTop 4000 the header covers row 99, so row 100 is the first fully visible one;
        // row 50 starts at 2040 px.
        assert_eq!(scroll_to_show(50, view(4000.0)), Some(2000.0));
        assert_eq!(scroll_to_show(0, view(4000.0)), Some(0.0));
        assert_eq!(scroll_to_show(99, view(4000.0)), Some(3960.0));
        assert_eq!(scroll_to_show(100, view(4000.0)), None);
    }
}
