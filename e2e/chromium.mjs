// How every browser test and benchmark starts Debian's Chromium: as root in a container, and kept
// off the (closed) network except for what the test itself opens.
export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
