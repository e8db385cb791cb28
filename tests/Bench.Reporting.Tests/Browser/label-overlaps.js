// Injected by LabelOverlapTests into a rendered report: once every chart has drawn (#bench-status has data-drawn),
// finds every pair of labels in one chart — tick labels, legend entries, annotations (group names, panel titles) and
// axis titles — whose drawn outlines intersect, rotation included (each outline is its text's box through the
// element's screen transform; two convex quadrilaterals meet unless an edge normal separates them). Writes
// {"charts": N, "labels": N, "overlaps": [...]} into <pre id="bench-overlaps"> for --dump-dom to carry out.
(function () {
  var selectors = '.xtick text, .ytick text, .legendtext, .annotation-text, .g-xtitle text, .g-ytitle text, .g-x2title text, .g-y2title text';
  function corners(el) {
    var box = el.getBBox();
    var m = el.getScreenCTM();
    if (!m || box.width === 0 || box.height === 0) return null;
    return [[box.x, box.y], [box.x + box.width, box.y], [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]].map(function (p) {
      return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f];
    });
  }
  function separated(a, b) {
    var polys = [a, b];
    for (var k = 0; k < 2; k++) {
      var poly = polys[k];
      for (var i = 0; i < 4; i++) {
        var p = poly[i], q = poly[(i + 1) % 4];
        var nx = q[1] - p[1], ny = p[0] - q[0];
        var minA = Infinity, maxA = -Infinity, minB = Infinity, maxB = -Infinity;
        a.forEach(function (v) { var d = v[0] * nx + v[1] * ny; minA = Math.min(minA, d); maxA = Math.max(maxA, d); });
        b.forEach(function (v) { var d = v[0] * nx + v[1] * ny; minB = Math.min(minB, d); maxB = Math.max(maxB, d); });
        // A pixel of tolerance along the normal: glyph boxes that merely touch do not hide each other.
        var len = Math.sqrt(nx * nx + ny * ny) || 1;
        if (maxA <= minB + len || maxB <= minA + len) return true;
      }
    }
    return false;
  }
  function check() {
    var status = document.getElementById('bench-status');
    if (!status.hasAttribute('data-drawn')) { setTimeout(check, 100); return; }
    var charts = document.querySelectorAll('.chart');
    var result = { charts: charts.length, labels: 0, overlaps: [] };
    charts.forEach(function (chart) {
      var labels = [];
      chart.querySelectorAll(selectors).forEach(function (el) {
        var text = (el.textContent || '').trim();
        var c = text.length > 0 && el.getAttribute('visibility') !== 'hidden' ? corners(el) : null;
        if (c) labels.push({ text: text, kind: el.getAttribute('class') || el.parentNode.getAttribute('class'), corners: c });
      });
      result.labels += labels.length;
      for (var i = 0; i < labels.length; i++) {
        for (var j = i + 1; j < labels.length; j++) {
          if (!separated(labels[i].corners, labels[j].corners)) {
            result.overlaps.push({ chart: chart.id, a: labels[i].text, b: labels[j].text, kinds: labels[i].kind + ' / ' + labels[j].kind });
          }
        }
      }
    });
    var out = document.createElement('pre');
    out.id = 'bench-overlaps';
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
  }
  check();
})();
