// Peer Roles Handbook embeds: add this script once to a page that shows handbook
// sections in iframes, loading it from the handbook itself. Each section reports its
// height; this sets its frame's height to match, so the section shows whole with no
// scrollbar inside the frame.
//   <iframe src="https://HANDBOOK/embed/SECTION/" title="..." style="width:100%;border:0"></iframe>
//   <script src="https://HANDBOOK/embed/resize.js" defer></script>
(function () {
  // Only frames showing the handbook, the origin this script was loaded from, may
  // resize themselves: a frame from any other site is ignored.
  var handbook = new URL(document.currentScript.src).origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== handbook || !data || data.type !== "peer-roles-handbook:height") return;
    if (typeof data.height !== "number" || !(data.height > 0 && data.height < 100000)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      // Only the frame the message came from.
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = data.height + "px";
        return;
      }
    }
  });
})();
