// Records every long task (> 50 ms on the main thread) from the start of the
// page, for the host-impact benchmark: window.__longTasks = [{start, duration}].
(function () {
  window.__longTasks = [];
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      window.__longTasks.push({ start: e.startTime, duration: e.duration });
    });
  }).observe({ type: 'longtask', buffered: true });
})();
