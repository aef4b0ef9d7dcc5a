import type { ComponentProps } from 'react';
import { Link, type LinkProps } from 'react-router';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'quietDanger';
type Look = { variant?: ButtonVariant; size?: 'medium' | 'small' | 'icon'; block?: boolean };

export function buttonClass({ variant = 'secondary', size = 'medium', block = false }: Look, extra?: string): string {
  return [styles.button, styles[variant], size === 'medium' ? '' : styles[size], block ? styles.block : '', extra ?? '']
    .filter(Boolean)
    .join(' ');
}

type ButtonProps = Look &
  ComponentProps<'button'> & {
    /**
     * The button's action is on its way: presses are ignored and assistive technology hears it as
     * unavailable, but unlike `disabled` the button keeps keyboard focus (a disabled button drops
     * it to the page, and a keyboard user loses their place).
     */
    busy?: boolean;
  };

export function Button({ variant, size, block, className, type = 'button', busy = false, onClick, ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClass({ variant, size, block }, className)}
      aria-disabled={busy || undefined}
      // Cancelling the click also cancels a submit button's form submission (Enter in a field too).
      onClick={busy ? (event) => event.preventDefault() : onClick}
      {...props}
    />
  );
}

/** A link that looks like a button: navigation stays a link for assistive technology. */
export function ButtonLink({ variant, size, block, className, ...props }: Look & LinkProps) {
  return <Link className={buttonClass({ variant, size, block }, className)} {...props} />;
}
