// Loaded first (a classic script) by every benchmark page: records in
// window.__interactiveAt the moment (ms since navigation start) the survey's
// first NPS choice is in the document, for Tessera (inside the shadow root
// of <tessera-survey>) and SurveyJS (.sd-rating__item) alike. Mutation
// observers fire right after the render that added the element, so neither
// side is polled or slowed down.
(function () {
  var done = false;
  function choice(root) {
    return root.querySelector('[role="radio"], .sd-rating__item');
  }
  function check(root) {
    if (done) return;
    if (choice(root)) {
      done = true;
      window.__interactiveAt = performance.now();
    }
  }
  function watch(root) {
    new MutationObserver(function () { check(root); }).observe(root, { childList: true, subtree: true });
    check(root);
  }
  var attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    var shadow = attach.call(this, init);
    watch(shadow);
    return shadow;
  };
  watch(document);
})();
