// The first script of tests/security/csp-demo.html, loaded from 'self' before anything else runs,
// so every later violation of the page's Content Security Policy (one that blocks a resource as
// well as one that blocks a Trusted Types sink) is on record for tests/demo/csp.test.ts. Capture on
// window: the event is composed, so one fired at an element inside a shadow root reaches it too.
window.__violations = [];
window.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.__violations.push({
      directive: event.effectiveDirective,
      blockedURI: event.blockedURI,
      sourceFile: event.sourceFile,
      line: event.lineNumber,
      column: event.columnNumber,
      sample: event.sample,
    });
  },
  true,
);
