/**
 * Hostile strings for the untrusted-data tests, written for this project. Each one that could run
 * code tries to set `window.__xss` or to open a dialog, so a payload that did run is caught by the
 * traps in xss.test.ts, not only by looking at the DOM.
 */

export type XssCategory =
  | 'script-tag'
  | 'event-handler'
  | 'javascript-url'
  | 'svg-mathml'
  | 'template-injection'
  | 'long-string'
  | 'rtl-override'
  | 'null-byte'
  | 'css-injection'
  | 'attribute-breakout'
  | 'entity-trick'
  | 'unicode-escape'
  | 'polyglot';

export interface XssPayload {
  category: XssCategory;
  text: string;
  /**
   * An unbroken 100 KB word: laying it out under `overflow-wrap: anywhere` (the elements' styles)
   * takes Chromium 3 to 45 s with the default font, freezing the tab. Kept out of the rounds until
   * that is fixed (reported to the lead: `overflow-wrap: anywhere` in the elements' styles).
   */
  slowLayout?: true;
}

const p = (category: XssCategory, ...texts: string[]): XssPayload[] => texts.map((text) => ({ category, text }));
const slow = (category: XssCategory, text: string): XssPayload => ({ category, text, slowLayout: true });

const HUNDRED_KB = 100 * 1024;

/** A string of exactly `length` characters built from `unit`. */
const repeated = (unit: string, length: number, tail = '') => (unit.repeat(Math.ceil(length / unit.length)) + tail).slice(-length);

export const XSS_CORPUS: readonly XssPayload[] = [
  ...p(
    'script-tag',
    '<script>window.__xss=1</script>',
    '<SCRIPT>window.__xss=2</SCRIPT>',
    '<script src="data:text/javascript,window.__xss=3"></script>',
    '<scr<script>ipt>window.__xss=4</scr</script>ipt>',
    '</textarea><script>window.__xss=5</script>',
    '</title><script>window.__xss=6</script>',
    '<script\n>alert(7)</script\n>',
    '<script type="module">window.__xss=8</script>',
    '<<script>script>window.__xss=9<</script>/script>',
    '<noscript><p title="</noscript><script>window.__xss=10</script>">',
  ),
  ...p(
    'event-handler',
    '<img src=x onerror=window.__xss=11>',
    '<img src="x" onerror="alert(12)">',
    '<body onload=window.__xss=13>',
    '<input autofocus onfocus=window.__xss=14>',
    '<details open ontoggle=window.__xss=15>',
    '<video><source onerror="window.__xss=16"></video>',
    '<iframe srcdoc="<script>parent.__xss=17</script>"></iframe>',
    '<div onpointerenter=window.__xss=18 style="position:fixed;inset:0">hover</div>',
    '<marquee onstart=window.__xss=19>',
    '<select autofocus onfocus=confirm(20)>',
    '<object data="data:text/html,<script>parent.__xss=21</script>"></object>',
    '<audio src=x onerror=prompt(22)>',
  ),
  ...p(
    'javascript-url',
    'javascript:window.__xss=23',
    'JaVaScRiPt:alert(24)',
    ' javascript:window.__xss=25',
    'java\tscript:window.__xss=26',
    'java\nscript:window.__xss=27',
    '<a href="javascript:window.__xss=28">call me</a>',
    '<a href="&#106;avascript:window.__xss=29">x</a>',
    '<form action="javascript:window.__xss=30"><button>go</button></form>',
    '<iframe src="javascript:parent.__xss=31"></iframe>',
    'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MzI8L3NjcmlwdD4=',
    'vbscript:msgbox(33)',
  ),
  ...p(
    'svg-mathml',
    '<svg onload=window.__xss=34>',
    '<svg><script>window.__xss=35</script></svg>',
    '<svg><animate onbegin=window.__xss=36 attributeName=x dur=1s>',
    '<svg><a xlink:href="javascript:window.__xss=37"><text x=0 y=20>tap</text></a></svg>',
    '<svg><foreignObject><img src=x onerror=window.__xss=38></foreignObject></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=39>',
    '<math href="javascript:window.__xss=40">click</math>',
    '<svg><set attributeName=onmouseover to=window.__xss=41>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=parent.__xss=42>#x"/></svg>',
  ),
  ...p(
    'template-injection',
    '${alert(43)}',
    '${window.__xss=44}',
    "{{constructor.constructor('window.__xss=45')()}}",
    '{{7*7}}',
    '<!--?lit$1234567890$-->',
    '<!--?lit$0$--><img src=x onerror=window.__xss=46>',
    'lit$0$',
    '<?lit$1$>',
    '[[${window.__xss=47}]]',
    '#{window.__xss=48}',
    '<%= window.__xss=49 %>',
    '{{#each this}}{{/each}}',
    '`;window.__xss=50;`',
  ),
  slow('long-string', 'A'.repeat(HUNDRED_KB)),
  slow('long-string', repeated('Ω€😀', HUNDRED_KB)),
  ...p(
    'long-string',
    repeated('<img src=x onerror=window.__xss=51>', HUNDRED_KB),
    repeated('\u202E\u200F', 2048, 'end'),
    `${'x'.repeat(HUNDRED_KB)}<script>window.__xss=52</script>`,
    repeated('word ', 20_000),
    'https://example.com/?q=' + 'a%20'.repeat(5000),
  ),
  ...p(
    'rtl-override',
    '\u202Efdp.exe',
    'invoice\u202Egpj.exe',
    '\u202B\u05E9\u05DC\u05D5\u05DD <b>bold</b>\u202C',
    '\u2067isolate\u2069 \u2066ltr\u2069',
    '\u200F\u200E\u061C mark soup',
    '\u202Etpircs/<)1(trela>tpircs<',
  ),
  ...p(
    'null-byte',
    'before\u0000after',
    '<scr\u0000ipt>window.__xss=53</scr\u0000ipt>',
    '\u0000<img src=x onerror=window.__xss=54>',
    'java\u0000script:window.__xss=55',
    'bell\u0007 backspace\u0008 escape\u001B[31m red',
    'vertical\u000Btab\u000Cform feed',
    'line\u2028separator\u2029paragraph',
    '\uFEFFzero\u200Bwidth\u200Djoiner',
    'lone surrogate \uD800 here',
  ),
  ...p(
    'css-injection',
    '</style><script>window.__xss=56</script>',
    '</style><img src=x onerror=window.__xss=57>',
    '<style>*{background:url("javascript:window.__xss=58")}</style>',
    '<style>@import "data:text/css,body{display:none}";</style>',
    'red;} :host { display:none } x{',
    '<div style="position:fixed;inset:0;z-index:2147483647;background:red">overlay</div>',
    'expression(window.__xss=59)',
    '<link rel=stylesheet href="data:text/css,*{color:red}">',
  ),
  ...p(
    'attribute-breakout',
    '"><img src=x onerror=window.__xss=60>',
    "'><img src=x onerror=window.__xss=61>",
    '" onmouseover="window.__xss=62" x="',
    "' onfocus='window.__xss=63' autofocus='",
    '`><img src=x onerror=window.__xss=64>',
    '"/><svg onload=window.__xss=65>',
    'x" autofocus onfocus="alert(66)',
    '"></option></select><img src=x onerror=window.__xss=67>',
    '</dd></dl><img src=x onerror=window.__xss=68>',
    '--><img src=x onerror=window.__xss=69><!--',
  ),
  ...p(
    'entity-trick',
    '&lt;img src=x onerror=window.__xss=70&gt;',
    '&#60;script&#62;window.__xss=71&#60;/script&#62;',
    '&#x3C;svg onload=window.__xss=72&#x3E;',
    '&amp;lt;b&amp;gt;double&amp;lt;/b&amp;gt;',
    '&quot;&apos;&#34;&#39; quotes',
    '&NotAnEntity; &#xZZ; &#99999999;',
    '<![CDATA[<script>window.__xss=73</script>]]>',
  ),
  ...p(
    'unicode-escape',
    '\\u003cscript\\u003ewindow.__xss=74\\u003c/script\\u003e',
    '\\x3cimg src=x onerror=window.__xss=75\\x3e',
    '%3Cscript%3Ewindow.__xss%3D76%3C%2Fscript%3E',
    '\uFF1Cscript\uFF1Ewindow.__xss=77\uFF1C/script\uFF1E',
    '\u2039img src=x onerror=window.__xss=78\u203A',
    '+ADw-script+AD4-window.__xss=79+ADw-/script+AD4-',
    '\u0130\u0131 e\u0301 \uFB01 \u00DF case folding',
    'Ｊａｖａｓｃｒｉｐｔ：window.__xss=80',
  ),
  ...p(
    'polyglot',
    'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=window.__xss=81 )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=window.__xss=82//>\\x3e',
    '"\'--></style></script><svg onload=window.__xss=83>',
    '<img src=x:alert(84) onerror=eval(src)>',
    "';window.__xss=85;//",
    '<!--<img src="--><img src=x onerror=window.__xss=86//">',
    '<x contenteditable onblur=window.__xss=87>lose focus',
  ),
];
