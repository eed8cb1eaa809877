/**
 * Text that may wrap between its words but never inside one: a cron expression like "*\/15 9-18 * * 1-5"
 * would otherwise break after a "-" or "/" and read as other fields. The spaces stay outside the
 * unbreakable spans: they are where a line may break.
 */
export function Tokens({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\s+/)
        .filter(Boolean)
        .map((word, i) => (
          <span key={i}>
            {i > 0 && ' '}
            <span className="token">{word}</span>
          </span>
        ))}
    </>
  );
}

/** How a schedule is written, for the fields that take one. */
export function ScheduleHint() {
  return (
    <>
      {/* The example is short: it stays whole on one line. */}
      Minutes between runs (<code>5</code>) or a cron expression (
      <code className="token">*/15 9-18 * * 1-5</code>
      ).
    </>
  );
}
