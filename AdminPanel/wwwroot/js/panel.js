// What the pages ask for with data- attributes instead of inline handlers and style attributes: the panel's
// Content-Security-Policy runs only scripts from the panel's own files (docs/operations.md, "Security headers").
(function () {
    'use strict';
    // <select data-autosubmit>: choosing sends its form (a filter: year, period, class).
    document.addEventListener('change', function (e) {
        var t = e.target;
        if (t instanceof HTMLSelectElement && t.hasAttribute('data-autosubmit') && t.form) t.form.submit();
    });
    // <form data-confirm="…">: asks before sending; "Скасувати" sends nothing.
    document.addEventListener('submit', function (e) {
        var f = e.target;
        if (f instanceof HTMLFormElement && f.dataset.confirm && !window.confirm(f.dataset.confirm)) e.preventDefault();
    });
    // <div data-width="40">: a progress bar's width in percent (set through the DOM, which the policy allows).
    function widths() {
        document.querySelectorAll('[data-width]').forEach(function (el) {
            var n = Number(el.getAttribute('data-width'));
            if (isFinite(n)) el.style.width = Math.max(0, Math.min(100, n)) + '%';
        });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', widths); else widths();
})();
