// Inside an embedded section: tell the page around the frame how tall the content is,
// whenever that changes, so embed/resize.js can size the frame with no inner scrollbar.
// Only the height is sent.
(function () {
  if (window.parent === window) return;
  const send = () => window.parent.postMessage(
    { type: "peer-roles-handbook:height", height: Math.ceil(document.documentElement.scrollHeight) }, "*");
  new ResizeObserver(send).observe(document.body);
  window.addEventListener("load", send);
})();
