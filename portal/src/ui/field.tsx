import type { ComponentChildren } from 'preact';

/** A labelled form control with an optional hint and field error (wired with aria-describedby). */
export function Field(props: { label: string; id: string; error?: string | undefined; hint?: string; children: ComponentChildren; class?: string }) {
  return (
    <div class={`field ${props.error ? 'field-invalid' : ''} ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && <small id={`${props.id}-hint`} class="field-hint">{props.hint}</small>}
      {props.error && <small id={`${props.id}-error`} class="field-error" role="alert">{props.error}</small>}
    </div>
  );
}

/** aria attributes for the control inside a Field. */
export function describedBy(id: string, error?: string, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}
