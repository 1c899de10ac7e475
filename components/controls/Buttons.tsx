/** Run and Reset buttons. Run shows progress while busy and becomes Cancel. */

interface RunProps {
  busy: boolean;
  /** 0–1 while busy, when known. */
  progress?: number;
  onRun: () => void;
  onCancel?: () => void;
  label?: string;
}

export function RunButton({ busy, progress, onRun, onCancel, label = "Run" }: RunProps) {
  if (busy) {
    return (
      <span class="control-run">
        <button type="button" class="button" onClick={onCancel} disabled={!onCancel}>Cancel</button>
        <progress max={1} value={progress} aria-label="Progress of the run">{progress === undefined ? "" : `${Math.round(progress * 100)}%`}</progress>
      </span>
    );
  }
  return (
    <button type="button" class="button button-primary" onClick={onRun}>{label}</button>
  );
}

interface ResetProps {
  onReset: () => void;
  disabled?: boolean;
}

export function ResetButton({ onReset, disabled }: ResetProps) {
  return (
    <button type="button" class="button" onClick={onReset} disabled={disabled}>Reset to defaults</button>
  );
}
