import { useId, useState } from 'react';
import { useDebouncedCallback } from '../lib/useDebouncedCallback.ts';

interface SearchBoxProps {
  label: string;
  placeholder?: string;
  /** The search as the URL has it. */
  value: string;
  onSearch: (text: string) => void;
}

/** A list's search box: follows the keyboard at once, and the URL (so the query) after a pause. */
export function SearchBox({ label, placeholder, value, onSearch }: SearchBoxProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const commit = useDebouncedCallback(onSearch, 300);
  if (value !== seen) {
    // The URL changed under us (back/forward, a link): show it, unless it is our own text arriving.
    setSeen(value);
    if (text.trim() !== value) setText(value);
  }
  return (
    <div className="field field--grow">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          commit(e.target.value);
        }}
      />
    </div>
  );
}
