// Browsers come from Debian (chromium, firefox-esr); puppeteer must not download its own
// on machines without internet. Set PUPPETEER_SKIP_DOWNLOAD=0 to let it download anyway.
module.exports = {
  skipDownload: process.env.PUPPETEER_SKIP_DOWNLOAD !== '0',
};
