// Article page: a click on a highlighted span flashes its row in the lists beside the text; hovering a
// row outlines its span(s) in the text.  Vanilla JS, no dependencies.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (!text) return;
  text.addEventListener("click", function (ev) {
    var m = ev.target.closest("mark[data-refs]");
    if (!m) return;
    m.getAttribute("data-refs").split(" ").forEach(function (id, i) {
      var row = id && document.getElementById(id);
      if (!row) return;
      if (i === 0) row.scrollIntoView({ block: "nearest", behavior: "smooth" });
      row.classList.add("flash");
      setTimeout(function () { row.classList.remove("flash"); }, 1200);
    });
  });
  document.querySelectorAll("aside.layers tr[id], table.events tr[id]").forEach(function (row) {
    var marks = text.querySelectorAll('mark[data-refs~="' + row.id + '"]');
    row.addEventListener("mouseenter", function () { marks.forEach(function (m) { m.classList.add("focus"); }); });
    row.addEventListener("mouseleave", function () { marks.forEach(function (m) { m.classList.remove("focus"); }); });
  });
})();
