import { describe, expect, it } from 'vitest';
import { englishPlace, placeOfIpLine } from './places';

/** China's 34 province-level divisions: 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs. */
const CHINA = [
  '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南',
  '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾',
  '内蒙古', '广西', '西藏', '宁夏', '新疆',
  '北京', '天津', '上海', '重庆',
  '香港', '澳门',
];

describe('englishPlace', () => {
  it('names every province-level division of China, each differently', () => {
    const names = CHINA.map(englishPlace);
    expect(names).not.toContain(null);
    expect(new Set(names).size).toBe(CHINA.length);
    expect(englishPlace('北京')).toBe('Beijing');
    expect(englishPlace('山西')).toBe('Shanxi');
    expect(englishPlace('陕西')).toBe('Shaanxi');
    expect(englishPlace('香港')).toBe('Hong Kong');
  });

  it('names common countries', () => {
    expect(englishPlace('美国')).toBe('United States');
    expect(englishPlace('日本')).toBe('Japan');
    expect(englishPlace('英国')).toBe('United Kingdom');
    expect(englishPlace('新加坡')).toBe('Singapore');
    expect(englishPlace('澳大利亚')).toBe('Australia');
  });

  it('reads the official forms with 省, 市 or 自治区', () => {
    expect(englishPlace('广东省')).toBe('Guangdong');
    expect(englishPlace('上海市')).toBe('Shanghai');
    expect(englishPlace('新疆维吾尔自治区')).toBe('Xinjiang');
    expect(englishPlace('香港特别行政区')).toBe('Hong Kong');
  });

  it('has no name for a place not in the list', () => {
    expect(englishPlace('火星')).toBeNull();
    expect(englishPlace('')).toBeNull();
  });
});

describe('placeOfIpLine', () => {
  it('takes the place after the colon, in either interface language', () => {
    expect(placeOfIpLine('IP属地：北京')).toBe('北京');
    expect(placeOfIpLine(' IP属地： 美国 ')).toBe('美国');
    expect(placeOfIpLine('IP location: 北京')).toBe('北京');
  });

  it('finds no place in a line without one', () => {
    expect(placeOfIpLine('IP属地：')).toBeNull();
    expect(placeOfIpLine('北京')).toBeNull();
  });
});
