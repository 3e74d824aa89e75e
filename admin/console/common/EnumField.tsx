/** An enum value shown in the console's language (a translated SelectField over the enum's choices). */
import { SelectField, type SelectFieldProps } from 'react-admin';
import { choices, type EnumName } from './enums';

export function EnumField({ enumName, ...props }: Omit<SelectFieldProps, 'choices'> & { enumName: EnumName }) {
  return <SelectField {...props} choices={choices(enumName)} />;
}
