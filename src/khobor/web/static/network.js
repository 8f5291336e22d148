// Actor network: the server draws a circle layout; this relaxes it with a small force simulation
// (repulsion between all nodes, springs along edges, pull to the centre) and highlights a node's links
// on hover.  Vanilla JS, no dependencies.
(function () {
  "use strict";
  var svg = document.getElementById("network-svg");
  if (!svg) return;
  var size = svg.viewBox.baseVal.width || 720;
  var nodes = [], byId = {};
  svg.querySelectorAll("a.node").forEach(function (a) {
    var c = a.querySelector("circle"), t = a.querySelector("text");
    var n = { id: a.getAttribute("data-id"), el: a, c: c, t: t, r: +c.getAttribute("r"),
              x: +c.getAttribute("cx"), y: +c.getAttribute("cy"), vx: 0, vy: 0 };
    nodes.push(n); byId[n.id] = n;
  });
  var edges = [];
  svg.querySelectorAll("g.edges line").forEach(function (l) {
    var s = byId[l.getAttribute("data-s")], t = byId[l.getAttribute("data-t")];
    if (s && t) edges.push({ s: s, t: t, el: l, w: +l.getAttribute("stroke-width") || 1 });
  });

  function draw() {
    nodes.forEach(function (n) {
      n.c.setAttribute("cx", n.x.toFixed(1)); n.c.setAttribute("cy", n.y.toFixed(1));
      var right = n.x >= size / 2;
      n.t.setAttribute("x", (n.x + (right ? n.r + 3 : -n.r - 3)).toFixed(1));
      n.t.setAttribute("y", (n.y + 4).toFixed(1));
      n.t.setAttribute("text-anchor", right ? "start" : "end");
    });
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.s.x.toFixed(1)); e.el.setAttribute("y1", e.s.y.toFixed(1));
      e.el.setAttribute("x2", e.t.x.toFixed(1)); e.el.setAttribute("y2", e.t.y.toFixed(1));
    });
  }

  function relax(steps) {
    var k = Math.sqrt((size * size) / Math.max(1, nodes.length)) * 0.55;
    for (var it = 0; it < steps; it++) {
      var temp = 8 * (1 - it / steps) + 0.5;
      for (var i = 0; i < nodes.length; i++) {
        var a = nodes[i];
        for (var j = i + 1; j < nodes.length; j++) {
          var b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          var f = (k * k) / d2;
          a.vx += dx * f * 0.02; a.vy += dy * f * 0.02; b.vx -= dx * f * 0.02; b.vy -= dy * f * 0.02;
        }
      }
      edges.forEach(function (e) {
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var rest = Math.max(90, k * 0.8);
        var f = (d - rest) / d * 0.05 * Math.min(3, e.w);
        e.s.vx += dx * f; e.s.vy += dy * f; e.t.vx -= dx * f; e.t.vy -= dy * f;
      });
      nodes.forEach(function (n) {
        n.vx += (size / 2 - n.x) * 0.01; n.vy += (size / 2 - n.y) * 0.01;
        var v = Math.sqrt(n.vx * n.vx + n.vy * n.vy);
        if (v > temp) { n.vx *= temp / v; n.vy *= temp / v; }
        n.x = Math.min(size - 110, Math.max(110, n.x + n.vx));
        n.y = Math.min(size - 24, Math.max(24, n.y + n.vy));
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }
    draw();
  }

  nodes.forEach(function (n) {
    n.el.addEventListener("mouseenter", function () {
      svg.classList.add("dim");
      edges.forEach(function (e) { if (e.s === n || e.t === n) e.el.classList.add("hot"); });
    });
    n.el.addEventListener("mouseleave", function () {
      svg.classList.remove("dim");
      edges.forEach(function (e) { e.el.classList.remove("hot"); });
    });
  });
  var btn = document.getElementById("relax");
  if (btn) btn.addEventListener("click", function () {
    nodes.forEach(function (n) { n.x += (Math.random() - 0.5) * 40; n.y += (Math.random() - 0.5) * 40; });
    relax(200);
  });
  if (nodes.length > 2 && nodes.length <= 400) relax(nodes.length > 150 ? 120 : 250);
  svg.setAttribute("data-ready", "1");
})();
