import { describe, expect, it, vi, beforeAll } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import i18n from '../i18n';
import { NewsList } from './NewsList';
import { Pager } from './Pager';
import { DistrictMap } from './DistrictMap';
import type { NewsRowFragment } from '../api/gql/graphql';

beforeAll(async () => {
  await i18n.changeLanguage('ko');
});

const item: NewsRowFragment = {
  id: 'nws_1',
  title: '강경읍 침수 대비',
  link: 'https://example.org/1',
  source: '논산시 보도자료',
  publishedAt: '2025-07-01T10:00:00+09:00',
  summary: '요약',
  mentions: [
    { text: '강경읍', confidence: 1, subject: { __typename: 'District', id: 'dst_ganggyeong', name: '강경읍', nameEn: 'Ganggyeong-eup' } },
    { text: '침수', confidence: 0.8, subject: { __typename: 'Issue', id: 'iss_flood', title: '강경읍 침수' } },
  ],
};

describe('NewsList', () => {
  it('links what an item mentions and marks items that just arrived', () => {
    render(<MemoryRouter><NewsList items={[item]} fresh={new Set(['nws_1'])} /></MemoryRouter>);
    expect(screen.getByRole('link', { name: '강경읍 침수 대비' }).getAttribute('href')).toBe('https://example.org/1');
    expect(screen.getByRole('link', { name: '강경읍' }).getAttribute('href')).toBe('/districts/dst_ganggyeong');
    expect(screen.getByRole('link', { name: '강경읍 침수' }).getAttribute('href')).toBe('/issues/iss_flood');
    expect(screen.getByText('새 소식')).toBeTruthy();
  });

  it('says when there is nothing', () => {
    render(<MemoryRouter><NewsList items={[]} /></MemoryRouter>);
    expect(screen.getByText('뉴스가 없습니다.')).toBeTruthy();
  });

  it('shows English names in English', async () => {
    await i18n.changeLanguage('en');
    render(<MemoryRouter><NewsList items={[item]} /></MemoryRouter>);
    expect(screen.getByRole('link', { name: 'Ganggyeong-eup' })).toBeTruthy();
    await i18n.changeLanguage('ko');
  });
});

describe('Pager', () => {
  it('disables what cannot be done and reports clicks', () => {
    const next = vi.fn();
    render(<Pager page={1} hasPrevious={false} hasNext onPrevious={() => undefined} onNext={next} />);
    expect((screen.getByRole('button', { name: '이전' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '다음' }));
    expect(next).toHaveBeenCalled();
    expect(screen.getByText('1쪽')).toBeTruthy();
  });
});

describe('DistrictMap', () => {
  it('draws each district as a link named with its count, and leaves the city out of the map', () => {
    const districts = [
      { id: 'dst_nonsan', name: '논산시', nameEn: 'Nonsan-si', level: 'CITY', latitude: 36.18, longitude: 127.09 },
      { id: 'dst_a', name: '강경읍', nameEn: 'Ganggyeong-eup', level: 'EUP', latitude: 36.15, longitude: 127.01 },
      { id: 'dst_b', name: '연무읍', nameEn: 'Yeonmu-eup', level: 'EUP', latitude: 36.12, longitude: 127.09 },
      { id: 'dst_c', name: '노성면', nameEn: 'Noseong-myeon', level: 'MYEON', latitude: 36.29, longitude: 127.14 },
    ];
    render(<MemoryRouter><DistrictMap districts={districts} counts={new Map([['dst_a', 3], ['dst_nonsan', 2]])} /></MemoryRouter>);
    const link = screen.getByRole('link', { name: '강경읍: 진행 중인 현안 3건' });
    expect(link.getAttribute('href')).toBe('/districts/dst_a');
    expect(screen.getAllByRole('link')).toHaveLength(3);
    expect(screen.getByText(/논산시 전체 해당: 2건/)).toBeTruthy();
  });
});
