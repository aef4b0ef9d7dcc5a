import type { ButtonHTMLAttributes } from 'react';
import { Link, type LinkProps } from 'react-router';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'quietDanger';
type Look = { variant?: ButtonVariant; size?: 'medium' | 'small' | 'icon'; block?: boolean };

export function buttonClass({ variant = 'secondary', size = 'medium', block = false }: Look, extra?: string): string {
  return [styles.button, styles[variant], size === 'medium' ? '' : styles[size], block ? styles.block : '', extra ?? '']
    .filter(Boolean)
    .join(' ');
}

export function Button({ variant, size, block, className, type = 'button', ...props }: Look & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass({ variant, size, block }, className)} {...props} />;
}

/** A link that looks like a button: navigation stays a link for assistive technology. */
export function ButtonLink({ variant, size, block, className, ...props }: Look & LinkProps) {
  return <Link className={buttonClass({ variant, size, block }, className)} {...props} />;
}
