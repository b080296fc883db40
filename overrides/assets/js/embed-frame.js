// Inside an embedded section: tell the page around the frame how tall the content is,
// whenever that changes, so embed/resize.js can size the frame with no inner scrollbar.
// Only the height is sent.
(function () {
  if (window.parent === window) return;
  const send = () => window.parent.postMessage(
    { type: "peer-roles-handbook:height", height: Math.ceil(document.documentElement.scrollHeight) }, "*");
  new ResizeObserver(send).observe(document.body);
  // Tools start after the page has loaded, and a frame out of view gets no resize
  // callbacks until it is scrolled to: changes to the content are watched too.
  new MutationObserver(send).observe(document.body, { childList: true, subtree: true, attributes: true });
  window.addEventListener("load", send);
})();
