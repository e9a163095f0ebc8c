import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import i18n from '../../i18n';
import { ANONYMOUS, adminPages, type Role } from '../../api/session';
import { FieldErrors, SecretOnce, errorsOf, otherErrors } from './adminShared';

beforeAll(async () => {
  await i18n.changeLanguage('ko');
});

const as = (role: Role) => ({ ...ANONYMOUS, authenticated: role !== 'PUBLIC', role });

describe('admin pages', () => {
  it('are offered by role as the API allows them', () => {
    expect(adminPages(as('PUBLIC'))).toEqual([]);
    expect(adminPages(as('STAFF'))).toEqual(['feeds']);
    expect(adminPages(as('PARTNER'))).toEqual(['keys', 'webhooks']);
    expect(adminPages(as('ADMIN'))).toEqual(['feeds', 'users', 'keys', 'webhooks']);
  });
});

describe('field errors', () => {
  const errors = [
    { field: ['input', 'password'], code: 'WEAK_PASSWORD', message: 'A password has at least 12 characters.' },
    { field: ['username'], code: 'TAKEN', message: "The username 'kim' is taken." },
    { field: ['id'], code: 'NOT_FOUND', message: 'No account.' },
  ];

  it('go to the field their path ends with, the rest to the form', () => {
    expect(errorsOf(errors, 'password').map((e) => e.code)).toEqual(['WEAK_PASSWORD']);
    expect(errorsOf(errors, 'username').map((e) => e.code)).toEqual(['TAKEN']);
    expect(otherErrors(errors, ['username', 'password']).map((e) => e.code)).toEqual(['NOT_FOUND']);
  });

  it('are said in the interface language, or in the hub\'s words for unknown codes', () => {
    render(<FieldErrors id="e" errors={[errors[1], { field: ['x'], code: 'ODD', message: 'Something odd.' }]} />);
    expect(screen.getByRole('alert').textContent).toBe('이미 쓰고 있는 아이디입니다. (TAKEN) Something odd. (ODD)');
  });
});

describe('SecretOnce', () => {
  it('warns, copies and closes', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const onClose = vi.fn();
    render(<SecretOnce title="새 API 키" warning="다시 볼 수 없습니다." value="cgk_secret" onClose={onClose} />);
    expect(screen.getByRole('alert').textContent).toContain('한 번만');
    expect((screen.getByRole('textbox', { name: '새 API 키' }) as HTMLInputElement).value).toBe('cgk_secret');
    fireEvent.click(screen.getByRole('button', { name: '복사' }));
    expect(await screen.findByText('복사했습니다.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('cgk_secret');
    fireEvent.click(screen.getByRole('button', { name: '안전한 곳에 보관했습니다' }));
    expect(onClose).toHaveBeenCalled();
  });
});
