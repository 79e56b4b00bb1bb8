// The journal grid, keyboard first: it opens at today's lesson (or the latest); typing on a focused cell replaces it,
// Enter saves and goes down to the next student, arrows move, Tab goes right, Esc puts back what is saved, F2 edits the
// text; cheap checks as you type, each changed cell saved at once
// through the page's Cell handler (JournalService decides; its Ukrainian refusal is shown in the cell and above the grid).
(function () {
    "use strict";
    const grid = document.getElementById("grid");
    if (!grid) return;
    const status = document.getElementById("grid-status");
    const reason = document.getElementById("grid-reason");
    const source = document.getElementById("grid-source");
    const token = document.querySelector("input[name=__RequestVerificationToken]").value;
    const scale = grid.dataset.scale;
    const heads = Array.from(grid.querySelectorAll("thead th[data-col]"));
    let pending = 0;
    let waitingForReason = null;

    function say(text, bad) {
        status.textContent = text || "";
        status.classList.toggle("bad", !!bad);
    }

    function setPending(delta) {
        pending += delta;
        grid.dataset.pending = String(pending);
    }
    setPending(0);

    // Cheap checks only (M-1): the server's CellParser has the last word and reads more spellings.
    function check(text, column) {
        const t = text.trim().toLowerCase();
        if (t === "" || t === "-" || t === "—") return null;
        if (/^\d+$/.test(t)) {
            if (scale !== "TwelvePoint") return scale === "Levels" ? "У 3–4 класах оцінюють рівнями П, С, Д, В." : "Оцінюють вербально: балів не ставлять.";
            const n = parseInt(t, 10);
            return n >= 1 && n <= 12 ? null : "Оцінка — від 1 до 12 балів.";
        }
        if ((t === "н" || t === "хв") && column !== "Current") return "«н» і «хв» ставлять лише під датою уроку.";
        return null;
    }

    // What the cell holds on the server: as the page came, then as each save answered.
    const savedOf = (input) => input.dataset.saved ?? input.defaultValue;

    const cellOf = (input) => ({ row: input.closest("tr"), col: parseInt(input.dataset.c, 10) });

    function move(input, dRow, dCol) {
        const { row, col } = cellOf(input);
        let target = null;
        if (dRow !== 0) {
            let r = dRow > 0 ? row.nextElementSibling : row.previousElementSibling;
            while (r && !target) {
                target = r.querySelector(`input[data-c="${col}"]`);
                r = dRow > 0 ? r.nextElementSibling : r.previousElementSibling;
            }
        } else {
            const inputs = Array.from(row.querySelectorAll("input[data-c]"));
            target = inputs[inputs.indexOf(input) + dCol] || null;
        }
        if (target) {
            target.focus();
            target.select();
        }
    }

    // A period column outside its window, or an annual cell without both semester marks (ADR 0033), is read-only: say why
    // (the cell's title) instead of sending anything.
    function shut(input) {
        if (!input.readOnly) return false;
        say(input.parentElement.title || heads[parseInt(input.dataset.c, 10)].dataset.closed || "Ця клітинка зараз лише для перегляду.", true);
        return true;
    }

    async function commit(input) {
        if (shut(input)) return;
        const text = input.value.trim();
        if (text === savedOf(input) || text === input.dataset.sending) return;
        const head = heads[parseInt(input.dataset.c, 10)];
        const problem = check(text, head.dataset.col);
        const td = input.parentElement;
        if (problem) {
            td.classList.add("bad-cell");
            td.title = problem;
            say(problem, true);
            return;
        }
        const body = new URLSearchParams();
        body.set("StudentId", input.closest("tr").dataset.student);
        body.set("Column", head.dataset.col);
        if (head.dataset.lesson) body.set("LessonId", head.dataset.lesson);
        if (head.dataset.date) body.set("Date", head.dataset.date);
        if (head.dataset.group) body.set("ResultGroupId", head.dataset.group);
        body.set("Text", text);
        if (reason && reason.value.trim()) body.set("Reason", reason.value.trim());
        // A converted mark's source (results earned abroad): only with a period column's mark.
        if (source && source.value.trim() && !head.dataset.lesson && !head.dataset.date) body.set("SourceNote", source.value.trim());
        td.classList.add("saving");
        input.dataset.sending = text;
        setPending(1);
        try {
            const response = await fetch(grid.dataset.url, {
                method: "POST",
                headers: { "RequestVerificationToken": token, "Accept": "application/json" },
                body: body,
            });
            const answer = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
            if (response.ok && answer?.ok) {
                input.value = answer.text;
                input.dataset.saved = answer.text;
                td.classList.remove("bad-cell", "sug");
                td.classList.toggle("abs", answer.absence);
                td.title = answer.source ? `Джерело: ${answer.source}` : "";
                td.classList.add("saved");
                setTimeout(() => td.classList.remove("saved"), 1200);
                say(answer.text ? `Збережено: ${answer.text}.` : "Клітинку очищено.");
            } else {
                const message = answer?.error || (response.status === 403 ? "Немає доступу до цього журналу." : `Не збережено (код ${response.status}).`);
                td.classList.add("bad-cell");
                td.title = message;
                say(message, true);
                if (answer?.code === "auth.reason_required" && reason) {
                    waitingForReason = input;
                    reason.classList.add("is-invalid");
                    reason.focus();
                }
            }
        } catch {
            td.classList.add("bad-cell");
            say("Немає зв'язку із сервером: запис не збережено.", true);
        } finally {
            delete input.dataset.sending;
            td.classList.remove("saving");
            setPending(-1);
        }
    }

    grid.addEventListener("input", (e) => {
        const input = e.target;
        if (!input.matches("input[data-c]")) return;
        const problem = check(input.value, heads[parseInt(input.dataset.c, 10)].dataset.col);
        input.parentElement.classList.toggle("warn", !!problem);
        if (problem) say(problem, true);
    });

    grid.addEventListener("change", (e) => {
        if (e.target.matches("input[data-c]")) commit(e.target);
    });

    grid.addEventListener("keydown", (e) => {
        const input = e.target;
        if (!input.matches("input[data-c]")) return;
        const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
        const atEnd = input.selectionStart === input.value.length;
        const whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
        switch (e.key) {
            case "Enter":
                e.preventDefault();
                commit(input);
                move(input, e.shiftKey ? -1 : 1, 0);
                break;
            case "ArrowDown":
                e.preventDefault();
                move(input, 1, 0);
                break;
            case "ArrowUp":
                e.preventDefault();
                move(input, -1, 0);
                break;
            case "ArrowLeft":
                if (atStart || whole) { e.preventDefault(); move(input, 0, -1); }
                break;
            case "ArrowRight":
                if (atEnd || whole) { e.preventDefault(); move(input, 0, 1); }
                break;
            case "F2":
                // Edit the cell's text instead of replacing it: the caret goes to its end.
                e.preventDefault();
                input.setSelectionRange(input.value.length, input.value.length);
                break;
            case "Escape":
                e.preventDefault();
                input.value = savedOf(input);
                input.select();
                input.parentElement.classList.remove("bad-cell", "warn");
                say("");
                break;
            case "=":
                // M-5, M-6: one key confirms the journal's proposal for this cell.
                e.preventDefault();
                if (shut(input)) break;
                if (input.dataset.suggest) {
                    input.value = input.dataset.suggest;
                    commit(input);
                    move(input, 1, 0);
                } else {
                    say("Для цієї клітинки пропозиції немає.", true);
                }
                break;
        }
    });

    grid.addEventListener("focusin", (e) => {
        if (!e.target.matches("input[data-c]")) return;
        e.target.select();
        if (e.target.readOnly) shut(e.target);
    });

    // Opens at the lesson asked for (from the today page or the timetable), else today's column, else the latest lesson
    // before it: scrolled to just right of the names and marked; with a keyboard and a mouse its first cell takes the
    // focus, so typing writes there at once (a phone keeps its keyboard closed until a cell is tapped).
    function openAtLesson() {
        const want = grid.dataset.focus;
        const slot = grid.dataset.slot;
        const lessons = heads.filter((h) => h.dataset.day);
        if (!want || lessons.length === 0) return;
        const target = lessons.find((h) => h.dataset.day === want && (!slot || h.dataset.slot === slot))
            || lessons.find((h) => h.dataset.day === want)
            || lessons.filter((h) => h.dataset.day <= want).pop()
            || lessons[0];
        const names = grid.querySelector("thead th.name");
        const edge = names ? names.getBoundingClientRect().right : grid.getBoundingClientRect().left;
        grid.scrollLeft += target.getBoundingClientRect().left - edge - 8;
        target.classList.add("focus-col");
        grid.dataset.opened = target.dataset.day;
        if (grid.dataset.autofocus !== undefined && window.matchMedia("(pointer: fine)").matches) {
            const first = grid.querySelector(`tbody input[data-c="${heads.indexOf(target)}"]:not([readonly])`);
            if (first) {
                first.focus({ preventScroll: true });
                first.select();
            }
        }
    }
    openAtLesson();

    if (reason) {
        reason.addEventListener("keydown", (e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            reason.classList.remove("is-invalid");
            const input = waitingForReason;
            waitingForReason = null;
            if (input) { commit(input); input.focus(); }
        });
    }
})();
