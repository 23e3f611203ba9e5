//! What an item costs, in credits. Failed items cost nothing.
//!
//! | work                                   | credits |
//! |----------------------------------------|---------|
//! | fetching the page (markdown output)    | 1       |
//! | structured extraction (json output)    | +1      |
//! | rendering JavaScript in the browser    | +1      |
//! |   (`renderJs: true`, or automatically  |         |
//! |   for an empty script shell)           |         |
//! | language-model extraction (if set up)  | +1      |
//! | full-page screenshot                   | +1      |

use trawl_protocol::OutputFormat;

pub const FETCH: u32 = 1;
pub const STRUCTURED_EXTRACTION: u32 = 1;
pub const BROWSER_RENDER: u32 = 1;
pub const MODEL_CALL: u32 = 1;
pub const SCREENSHOT: u32 = 1;

/// Credits for one item that completes with the given options.
pub fn for_completed_item(output: OutputFormat, rendered: bool, screenshot_taken: bool) -> u32 {
    let mut credits = FETCH;
    if output == OutputFormat::Json {
        credits += STRUCTURED_EXTRACTION;
    }
    if rendered {
        credits += BROWSER_RENDER;
    }
    if screenshot_taken {
        credits += SCREENSHOT;
    }
    credits
}

/// What an item that never ran would have cost: refunded when it is cancelled. A render asked
/// for with `renderJs` is included; an automatic one (an empty script shell) is only known once
/// the page is fetched, so that part is not.
pub fn estimate_per_item(output: OutputFormat, screenshot: bool, render_js: bool) -> u32 {
    for_completed_item(output, render_js, screenshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_with_screenshot_costs_three() {
        assert_eq!(for_completed_item(OutputFormat::Json, false, true), 3);
        assert_eq!(for_completed_item(OutputFormat::Markdown, false, false), 1);
        assert_eq!(for_completed_item(OutputFormat::Markdown, true, true), 3);
    }

    #[test]
    fn a_requested_render_is_part_of_the_refund() {
        assert_eq!(estimate_per_item(OutputFormat::Markdown, false, true), 2);
        assert_eq!(estimate_per_item(OutputFormat::Json, true, true), 4);
    }
}
