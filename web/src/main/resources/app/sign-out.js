// The sign-out page posts its form to the provider at once; the button is there if scripts are off.
document.getElementById('provider-sign-out').submit();
