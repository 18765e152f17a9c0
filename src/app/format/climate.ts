/** Display names and units of the climate variables (SPEC §2 units after scaling). */
import type { ClimateVar } from '../../core/summary';

export const CLIMATE_LABELS: Readonly<Record<ClimateVar, string>> = {
  temperature: 'Temperature',
  precipitation: 'Precipitation',
  humidity: 'Humidity',
  sunshine: 'Sunshine duration',
};

export const CLIMATE_UNITS: Readonly<Record<ClimateVar, string>> = {
  temperature: '°C',
  precipitation: 'mm',
  humidity: '%',
  sunshine: 'h',
};

/** The unit of NEP, NPP and Rh. */
export const NEP_UNIT = 'gC m⁻² yr⁻¹';
