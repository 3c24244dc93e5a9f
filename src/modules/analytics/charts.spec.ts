import { XMLValidator } from 'fast-xml-parser';
import { escapeXml, renderBarChart } from './charts';

describe('renderBarChart', () => {
  it('draws one bar per group and series, escaping every text, as well-formed XML', () => {
    const svg = renderBarChart({
      title: 'Rate <by> region & "year"',
      subtitle: 'x',
      series: [{ name: '2026', colour: '#000000' }],
      groups: [
        { key: '3672', label: 'Kota Cilegon', values: [0.25], captions: ['25 %'] },
        { key: '3673', label: "Kota Serang's", values: [null], captions: ['n/a'] },
        { key: '3674', label: 'Tangsel', values: [0], captions: ['0 %'] },
      ],
      max: 1,
      formatTick: (v) => `${v * 100} %`,
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(svg).toContain('Rate &lt;by&gt; region &amp; &quot;year&quot;');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});
