//! Times and durations as a person reads them.

use wasm_bindgen::JsValue;

/// An ISO timestamp from the API in the person's local time and language, e.g. "23/11/2026, 10:00:00".
/// Unreadable input is shown as it came.
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    date.to_locale_string("default", &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_else(|| iso.to_owned())
}

/// Milliseconds between two ISO timestamps, when both are readable.
pub fn millis_between(start: &str, end: &str) -> Option<f64> {
    let start = js_sys::Date::parse(start);
    let end = js_sys::Date::parse(end);
    (!start.is_nan() && !end.is_nan()).then_some(end - start)
}

/// A duration such as "850 ms", "2.4 s" or "3 min 5 s".
pub fn duration(millis: f64) -> String {
    if !millis.is_finite() || millis < 0.0 {
        return "unknown".to_owned();
    }
    // Integer formatting only: float formatting code is large in WebAssembly.
    let millis = millis.round() as u64;
    if millis < 1_000 {
        format!("{millis} ms")
    } else if millis < 60_000 {
        let tenths = (millis + 50) / 100;
        format!("{}.{} s", tenths / 10, tenths % 10)
    } else {
        let seconds = (millis + 500) / 1_000;
        format!("{} min {} s", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_unit_a_person_expects() {
        assert_eq!(duration(850.0), "850 ms");
        assert_eq!(duration(2_430.0), "2.4 s");
        assert_eq!(duration(185_000.0), "3 min 5 s");
        assert_eq!(duration(-1.0), "unknown");
    }
}
