// Loads the app. An external module (not Trunk's inline loader) because Manifest V3 pages forbid
// inline scripts; index.html and popup.html both use it, and the app reads <body data-view> to pick a view.
import init from './trawl.js';

await init({ module_or_path: new URL('./trawl_bg.wasm', import.meta.url) });
