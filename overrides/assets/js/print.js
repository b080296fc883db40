// Paper: stamp the print date and the page's address on every page and show where
// links lead. The title and edition come from the page's own print stylesheet, which
// also stamps the build's address for readers without JavaScript.

const stamp = document.createElement("style");
stamp.media = "print";
document.head.append(stamp);

const MONTHS = "January February March April May June July August September October November December".split(" ");

// "6 December 2026": toLocaleDateString's first call loads locale data, a long task.
export function longDate(date) {
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

// A string for CSS generated content.
const cssString = (text) => `"${text.replace(/[\\"]/g, "\\$&").replace(/\n/g, " ")}"`;

// Where this page is served from (the build's site_url may name a server nobody reads
// it on); a page opened from a file (the offline copy) keeps the published address.
function servedAddress() {
  return location.protocol.startsWith("http") ? location.origin + location.pathname : null;
}

function stampPages() {
  const date = longDate(new Date());
  const address = servedAddress();
  stamp.textContent = `@page {
    ${address ? `@top-right { content: ${cssString(address)}; font-size: 9pt; }` : ""}
    @bottom-left { content: "Printed ${date}"; font-size: 9pt; }
  }`;
}
// Stamped again when printing starts, in case the date or address changed since load.
window.addEventListener("beforeprint", stampPages);

export function preparePrint(root = document) {
  stampPages();
  // Links in running text get their full address; citations and notes that name a
  // source do not, nor do links to a place on the same page.
  for (const link of root.querySelectorAll("article a[href]")) {
    if (link.closest(".hb-sources, .hb-views, .headerlink") || link.getAttribute("href").startsWith("#")) continue;
    if (link.textContent.trim() !== link.href) link.dataset.printHref = link.href;
  }
}
