// Adds the one snippet to host.html when the URL says ?snippet=1, exactly as
// a site owner would paste it (a module script with data-config).
(function () {
  if (!/[?&]snippet=1/.test(location.search)) return;
  var s = document.createElement('script');
  s.type = 'module';
  s.src = '/tessera/loader.js';
  s.dataset.config = '/config/site-config.json';
  document.head.appendChild(s);
})();
