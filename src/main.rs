//! Entry point of the web app's WebAssembly bundle: boot.js initialises the module, then this mounts the app.

fn main() {
    trawl::start();
}
