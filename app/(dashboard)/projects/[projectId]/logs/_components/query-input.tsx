"use client";

import { useRef, useState } from "react";
import {
  applyCompletion,
  type CaretToken,
  type Completion,
  caretToken,
  serverQuestion,
  staticCompletions,
  valueCompletions,
} from "@/lib/logs/query/complete";
import { suggestAction } from "../actions";

/**
 * The query bar's input: a combobox suggesting field names, levels and `has:` targets at once,
 * and the project's common values or attribute keys from the server (suggestAction) as you
 * type. ↑/↓ choose, Enter or Tab accepts, Esc closes; Enter with nothing chosen submits the
 * form (the URL is the state). Suggestions are text nodes: values are the logs' own, hostile.
 */
export function QueryInput({
  projectId,
  levels,
  inputProps,
}: {
  projectId: string;
  levels: readonly string[];
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string; defaultValue: string };
}) {
  const { defaultValue, id, ...rest } = inputProps;
  const [value, setValue] = useState(defaultValue);
  const [options, setOptions] = useState<Completion[]>([]);
  const [active, setActive] = useState(-1);
  const [token, setToken] = useState<CaretToken | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);
  const cache = useRef(new Map<string, { value: string; count: number }[]>());
  const listId = `${id}-suggestions`;

  function suggest(text: string, caret: number) {
    const at = caretToken(text, caret);
    setToken(at);
    setActive(-1);
    const local = staticCompletions(at, levels);
    setOptions(local);
    const question = serverQuestion(at);
    if (!question) return;
    const key = question.join("\u0000");
    const seq = ++asked.current;
    const show = (values: { value: string; count: number }[]) => {
      if (seq !== asked.current) return;
      const all = [...local, ...valueCompletions(at, values)];
      setOptions(all.filter((o, i) => all.findIndex((p) => p.insert === o.insert) === i));
    };
    const known = cache.current.get(key);
    if (known) return show(known);
    // A short pause so typing a word asks once, not once per letter.
    setTimeout(() => {
      if (seq !== asked.current) return;
      suggestAction(projectId, question[0], question[1])
        .then((values) => {
          cache.current.set(key, values);
          show(values);
        })
        .catch(() => undefined);
    }, 120);
  }

  function accept(option: Completion) {
    if (!token) return;
    const next = applyCompletion(value, token, option);
    setValue(next.text);
    setOptions([]);
    requestAnimationFrame(() => {
      input.current?.setSelectionRange(next.caret, next.caret);
      suggest(next.text, next.caret);
    });
  }

  const open = options.length > 0;
  return (
    <div className="relative">
      <input
        {...rest}
        id={id}
        ref={input}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setValue(e.target.value);
          suggest(e.target.value, e.target.selectionStart ?? e.target.value.length);
        }}
        onFocus={(e) => suggest(e.target.value, e.target.selectionStart ?? e.target.value.length)}
        onBlur={() => setOptions([])}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const step = e.key === "ArrowDown" ? 1 : -1;
            // Cycles through the options and back to "none chosen" (-1).
            setActive((a) => {
              const next = a + step;
              return next < -1 ? options.length - 1 : next >= options.length ? -1 : next;
            });
          } else if (
            (e.key === "Enter" || e.key === "Tab") &&
            active >= 0 &&
            active < options.length
          ) {
            e.preventDefault();
            accept(options[active] as Completion);
          } else if (e.key === "Escape") {
            e.preventDefault();
            setOptions([]);
          }
        }}
      />
      {open && (
        <div
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute left-0 z-20 mt-1 max-h-72 w-full min-w-64 overflow-auto rounded-md border border-zinc-300 bg-white py-1 text-sm shadow-lg"
        >
          {options.map((option, i) => (
            <div
              key={option.insert}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              // mousedown, not click: a click would blur the input and close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(option);
              }}
              className={`flex cursor-pointer justify-between gap-3 px-2 py-1 font-mono ${i === active ? "bg-zinc-200" : "hover:bg-zinc-100"}`}
            >
              <span className="min-w-0 break-all">{option.label}</span>
              {option.count !== undefined && (
                <span className="shrink-0 tabular-nums text-zinc-500">{option.count}</span>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
