import { describe, expect, it } from 'vitest';
import { figureFileNameFor } from './figure';

describe('figureFileNameFor', () => {
  it('names the figure after the analysed variable', () => {
    expect(figureFileNameFor('nep', 'mean', 'hawaii', 'NPP')).toBe('npp-mean_hawaii.png');
    expect(figureFileNameFor('nep', 2014, 'hawaii', 'NPP')).toBe('npp-2014_hawaii.png');
    expect(figureFileNameFor('trend-class', 2014, 'hawaii', 'NPP')).toBe('npp-trend-class_hawaii.png');
    expect(figureFileNameFor('humidity', 2014, 'hawaii', 'NPP')).toBe('humidity-2014_hawaii.png');
    expect(figureFileNameFor('nep', 'mean', 'qilian', 'NEP')).toBe('nep-mean_qilian.png');
    expect(figureFileNameFor('nep', 'mean', 'qilian')).toBe('nep-mean_qilian.png');
  });
});
