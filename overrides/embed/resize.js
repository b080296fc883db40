// Peer Roles Handbook embeds: add this script once to a page that shows handbook
// sections in iframes. Each section reports its height; this sets its frame's height
// to match, so the section shows whole with no scrollbar inside the frame.
//   <iframe src="https://HANDBOOK/embed/SECTION/" title="..." style="width:100%;border:0"></iframe>
//   <script src="https://HANDBOOK/embed/resize.js" defer></script>
(function () {
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "peer-roles-handbook:height" || typeof data.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      // Only the frame the message came from, and only a sensible height.
      if (frames[i].contentWindow === event.source && data.height > 0 && data.height < 100000) {
        frames[i].style.height = data.height + "px";
      }
    }
  });
})();
