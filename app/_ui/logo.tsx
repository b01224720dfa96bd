/** The mark: a well with log lines in it. Drawn in the text colour, so it follows the theme. */
export function LogoMark({ className = "h-6 w-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <path
        d="M9 9v10a7 7 0 0 0 14 0V9"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <path d="M12 17h8M13 21.5h6" stroke="#10b981" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
