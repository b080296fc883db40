// Paper: stamp the print date on every page and show where links lead. The title,
// edition and page address come from the page's own print stylesheet.

const stamp = document.createElement("style");
stamp.media = "print";
document.head.append(stamp);

export function preparePrint(root = document) {
  const date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  stamp.textContent = `@page { @bottom-left { content: "Printed ${date}"; font-size: 9pt; } }`;
  // Links in running text get their full address; citations and notes that name a
  // source do not, nor do links to a place on the same page.
  for (const link of root.querySelectorAll("article a[href]")) {
    if (link.closest(".hb-sources, .hb-views, .headerlink") || link.getAttribute("href").startsWith("#")) continue;
    if (link.textContent.trim() !== link.href) link.dataset.printHref = link.href;
  }
}
