/** The one layout of every email: MJML for the HTML part and a plain-text twin, both Handlebars templates (templates.ts). */

/**
 * The HTML part's MJML, compiled to HTML ahead of time (npm run email-layout); Handlebars then fills it per email,
 * escaping every value (two braces). mj-raw carries the Handlebars blocks that wrap whole MJML elements.
 */
export const HTML_LAYOUT = `<mjml lang="{{language}}">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>{{preview}}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1f2937" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6" width="600px">
    <mj-section background-color="#0b2447" padding="16px 24px">
      <mj-column>
        <mj-text color="#ffffff" font-size="18px" font-weight="bold" padding="0">Webex Contact Center</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px 24px 8px">
      <mj-column>
        <mj-text font-size="24px" line-height="32px" font-weight="bold" padding="0 0 8px">{{title}}</mj-text>
        <mj-text padding="0">{{#each paragraphs}}<p style="margin: 0 0 16px">{{this}}</p>{{/each}}</mj-text>
        <mj-raw>{{#if action}}</mj-raw>
        <mj-button href="{{action.url}}" background-color="#0a5fd6" color="#ffffff" font-size="16px" font-weight="bold" border-radius="6px" inner-padding="14px 28px" padding="8px 0 16px" align="left">{{action.label}}</mj-button>
        <mj-text font-size="13px" line-height="20px" color="#4b5563" padding="0 0 16px">{{action.hint}} <a href="{{action.url}}" style="color: #0a5fd6; word-break: break-all">{{action.url}}</a></mj-text>
        <mj-raw>{{/if}}</mj-raw>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 24px 16px">
      <mj-column>
        <mj-table font-size="14px" line-height="20px" color="#1f2937" padding="0" cellpadding="6px">{{#each details}}<tr style="border-top: 1px solid #e5e7eb"><th align="left" valign="top" style="font-weight: normal; color: #4b5563; padding-right: 12px">{{label}}</th><td valign="top" style="word-break: break-word">{{value}}</td></tr>{{/each}}</mj-table>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="13px" line-height="20px" color="#4b5563" padding="0">{{footer}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/** The text part: the same parts in the same order. Nothing is escaped in plain text. */
export const TEXT_LAYOUT = `{{title}}

{{#each paragraphs}}{{this}}

{{/each}}{{#if action}}{{action.label}}: {{action.url}}

{{/if}}{{#each details}}{{label}}: {{value}}
{{/each}}{{! a line of its own would be taken out with its line break }}
{{footer}}
`;
